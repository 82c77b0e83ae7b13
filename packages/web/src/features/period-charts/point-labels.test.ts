import { describe, expect, it } from 'vitest';
import { chartNeedsYear } from '../../format/dates';
import { pointLabels } from './point-labels';

const week = (start: string, end: string) => ({ start, end });
const day = (d: string) => ({ start: d, end: d });

describe('chart labels', () => {
  it('leave the year out when every point is in the current year', () => {
    expect(chartNeedsYear(['2026-03-02', '2026-11-22'], '2026-11-26')).toBe(false);
    expect(pointLabels([week('2026-03-02', '2026-03-08'), week('2026-11-16', '2026-11-22')], 'week', '2026-11-26')).toEqual({
      labels: ['Mar 2', 'Nov 16'],
      titles: ['Week of Mar 2 – Mar 8', 'Week of Nov 16 – Nov 22'],
    });
    expect(pointLabels([day('2026-11-24')], 'day', '2026-11-26')).toEqual({ labels: ['Nov 24'], titles: ['Tue, Nov 24'] });
  });

  it('give every label and title its year when the points span two years', () => {
    expect(chartNeedsYear(['2024-11-25', '2026-02-16'], '2026-02-20')).toBe(true);
    expect(
      pointLabels([week('2024-11-25', '2024-12-01'), week('2024-12-30', '2025-01-05'), week('2026-02-16', '2026-02-22')], 'week', '2026-02-20'),
    ).toEqual({
      labels: ['Nov 25, 2024', 'Dec 30, 2024', 'Feb 16, 2026'],
      titles: ['Week of Nov 25 – Dec 1, 2024', 'Week of Dec 30, 2024 – Jan 5, 2025', 'Week of Feb 16 – Feb 22, 2026'],
    });
  });

  it('give the year to days of another year, and to days running into the new year', () => {
    expect(pointLabels([week('2020-01-06', '2020-01-12')], 'week', '2026-11-26')).toEqual({
      labels: ['Jan 6, 2020'],
      titles: ['Week of Jan 6 – Jan 12, 2020'],
    });
    // The last 7 days on January 2: three days of the old year, two of the new.
    expect(pointLabels([day('2025-12-30'), day('2026-01-01')], 'day', '2026-01-02')).toEqual({
      labels: ['Dec 30, 2025', 'Jan 1, 2026'],
      titles: ['Tue, Dec 30, 2025', 'Thu, Jan 1, 2026'],
    });
  });
});
