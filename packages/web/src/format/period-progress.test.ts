import { describe, expect, it } from 'vitest';
import { periodProgress, seriesProgressNote, startedPoints } from './period-progress';

const week = (start: string, end: string) => ({ start, end });
// Weeks starting on Monday; asOf (today) is Tuesday 2026-12-01.
const series = [week('2026-11-23', '2026-11-29'), week('2026-11-30', '2026-12-06'), week('2026-12-07', '2026-12-13'), week('2026-12-14', '2026-12-20')];

describe('periodProgress', () => {
  it('is complete only when the window ended before today (today itself is still under way)', () => {
    expect(periodProgress(week('2026-11-23', '2026-11-29'), '2026-12-01')).toEqual({ state: 'complete' });
    expect(periodProgress(week('2026-11-23', '2026-12-01'), '2026-12-01')).toEqual({ state: 'in-progress', through: '2026-12-01' });
    expect(periodProgress(week('2026-11-02', '2027-03-07'), '2026-12-01')).toEqual({ state: 'in-progress', through: '2026-12-01' });
    expect(periodProgress(week('2026-12-07', '2026-12-13'), '2026-12-01')).toEqual({ state: 'not-started', starts: '2026-12-07' });
  });
});

describe('startedPoints and their note', () => {
  it('keeps the periods begun, marks the one under way and names the ones to come', () => {
    const started = startedPoints(series, '2026-12-01');
    expect(started.points).toEqual(series.slice(0, 2));
    expect(started.partial).toEqual(series[1]);
    expect(started.future).toEqual(series.slice(2));
    expect(seriesProgressNote(started, '2026-12-01', 'week')).toBe(
      'The week of Nov 30 is still under way (counted through Dec 1); the 2 weeks from Dec 7 have not started yet.',
    );
  });

  it('says nothing for a series in the past, and names a single period to come', () => {
    expect(seriesProgressNote(startedPoints(series, '2026-12-25'), '2026-12-25', 'week')).toBeNull();
    expect(seriesProgressNote(startedPoints(series.slice(0, 3), '2026-12-06'), '2026-12-06', 'week')).toBe(
      'The week of Nov 30 is still under way (counted through Dec 6); the week of Dec 7 has not started yet.',
    );
    expect(seriesProgressNote(startedPoints(series.slice(2), '2026-12-01'), '2026-12-01', 'week')).toBe('The 2 weeks from Dec 7 have not started yet.');
    const days = [week('2026-11-30', '2026-11-30'), week('2026-12-01', '2026-12-01'), week('2026-12-02', '2026-12-02')];
    expect(seriesProgressNote(startedPoints(days, '2026-12-01'), '2026-12-01', 'day')).toBe('Dec 1 is still under way; Dec 2 has not started yet.');
  });
});
