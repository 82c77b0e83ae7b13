import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './calendar-day';
import { parseIsoDateTime } from './iso-parse';
import {
  canonicalTimeZone,
  dayInZone,
  formatUtcOffset,
  formatWithOffset,
  isValidTimeZone,
  steadyOffsetOfDay,
  todayInZone,
  wallClockHourOfWeek,
  zoneOffsetMs,
  zonedInstant,
} from './time-zone';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe('dayInZone', () => {
  it('puts an order at 23:30 on the spring-forward day on that day (Chicago, New York)', () => {
    // 23:30 CDT = 04:30Z next day; 23:30 EDT = 03:30Z next day.
    expect(dayInZone(at('2025-03-10T04:30:00Z'), 'America/Chicago')).toBe('2025-03-09');
    expect(dayInZone(at('2025-03-10T03:30:00Z'), 'America/New_York')).toBe('2025-03-09');
  });

  it('puts an order at 23:30 on the fall-back day on that day (Chicago, New York)', () => {
    // 23:30 CST = 05:30Z next day; 23:30 EST = 04:30Z next day.
    expect(dayInZone(at('2025-11-03T05:30:00Z'), 'America/Chicago')).toBe('2025-11-02');
    expect(dayInZone(at('2025-11-03T04:30:00Z'), 'America/New_York')).toBe('2025-11-02');
  });

  it('switches day at local midnight, not UTC midnight', () => {
    expect(dayInZone(at('2025-03-09T05:59:59Z'), 'America/Chicago')).toBe('2025-03-08');
    expect(dayInZone(at('2025-03-09T06:00:00Z'), 'America/Chicago')).toBe('2025-03-09');
    expect(dayInZone(at('2025-03-09T07:59:59Z'), 'America/Chicago')).toBe('2025-03-09');
    expect(dayInZone(at('2025-03-10T04:59:59Z'), 'America/Chicago')).toBe('2025-03-09');
    expect(dayInZone(at('2025-03-10T05:00:00Z'), 'America/Chicago')).toBe('2025-03-10');
  });

  it('keeps New Year’s Eve in Chicago until 06:00Z', () => {
    expect(dayInZone(at('2025-01-01T05:59:59Z'), 'America/Chicago')).toBe('2024-12-31');
    expect(dayInZone(at('2025-01-01T06:00:00Z'), 'America/Chicago')).toBe('2025-01-01');
  });

  it('runs ahead of the UTC day east of UTC', () => {
    expect(dayInZone(at('2024-12-31T14:59:59Z'), 'Asia/Tokyo')).toBe('2024-12-31');
    expect(dayInZone(at('2024-12-31T15:00:00Z'), 'Asia/Tokyo')).toBe('2025-01-01');
    expect(dayInZone(at('2025-06-30T18:29:59Z'), 'Asia/Kolkata')).toBe('2025-06-30');
    expect(dayInZone(at('2025-06-30T18:30:00Z'), 'Asia/Kolkata')).toBe('2025-07-01');
    // AEDT (+11) before 6 April 2025, AEST (+10) after, AEDT again from 5 October.
    expect(dayInZone(at('2025-04-05T13:30:00Z'), 'Australia/Sydney')).toBe('2025-04-06');
    expect(dayInZone(at('2025-06-30T13:59:59Z'), 'Australia/Sydney')).toBe('2025-06-30');
    expect(dayInZone(at('2025-06-30T14:00:00Z'), 'Australia/Sydney')).toBe('2025-07-01');
    expect(dayInZone(at('2025-10-05T12:30:00Z'), 'Australia/Sydney')).toBe('2025-10-05');
    expect(dayInZone(at('2025-10-05T13:00:00Z'), 'Australia/Sydney')).toBe('2025-10-06');
  });

  it('lands on the leap day', () => {
    expect(dayInZone(at('2024-02-29T05:59:59Z'), 'America/Chicago')).toBe('2024-02-28');
    expect(dayInZone(at('2024-02-29T06:00:00Z'), 'America/Chicago')).toBe('2024-02-29');
    expect(dayInZone(at('2024-02-28T15:00:00Z'), 'Asia/Tokyo')).toBe('2024-02-29');
    expect(dayInZone(at('2024-03-01T05:59:59Z'), 'America/Chicago')).toBe('2024-02-29');
  });

  it('takes epoch milliseconds as well as a Date', () => {
    expect(dayInZone(Date.UTC(2025, 0, 1, 5, 59, 59), 'America/Chicago')).toBe('2024-12-31');
    expect(dayInZone(0, 'UTC')).toBe('1970-01-01');
  });

  it('pads years before 1000', () => {
    expect(dayInZone(Date.UTC(999, 0, 4, 12), 'UTC')).toBe('0999-01-04');
  });

  it('rejects unknown zones and invalid instants', () => {
    expect(() => dayInZone(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => dayInZone(0, '+05:00')).toThrow(RangeError);
    expect(() => dayInZone(new Date('nope'), 'UTC')).toThrow(RangeError);
    expect(() => dayInZone(Number.NaN, 'UTC')).toThrow(RangeError);
  });

  it('matches the UTC calendar day in UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(9999, 11, 30) }), (ms) => {
        expect(dayInZone(ms, 'UTC')).toBe(new Date(ms).toISOString().slice(0, 10));
      }),
    );
  });
});

describe('todayInZone', () => {
  it('is the day of now in the zone', () => {
    const now = at('2025-01-01T15:00:00Z');
    expect(todayInZone('Asia/Tokyo', now)).toBe('2025-01-02');
    expect(todayInZone('America/Chicago', now)).toBe('2025-01-01');
    expect(todayInZone('Pacific/Honolulu', at('2025-01-01T09:59:59Z'))).toBe('2024-12-31');
  });

  it('defaults to the current instant', () => {
    const before = dayInZone(Date.now(), 'UTC');
    const today = todayInZone('UTC');
    const after = dayInZone(Date.now(), 'UTC');
    expect([before, after]).toContain(today);
  });
});

describe('zonedInstant', () => {
  it('maps ordinary wall-clock times', () => {
    expect(zonedInstant('2025-01-15', 0, 'America/Chicago').toISOString()).toBe('2025-01-15T06:00:00.000Z');
    expect(zonedInstant('2024-02-29', 12 * 60, 'America/New_York').toISOString()).toBe('2024-02-29T17:00:00.000Z');
    expect(zonedInstant('2025-01-01', 0, 'Asia/Tokyo').toISOString()).toBe('2024-12-31T15:00:00.000Z');
    expect(zonedInstant('2025-07-01', 0, 'Asia/Kolkata').toISOString()).toBe('2025-06-30T18:30:00.000Z');
    expect(zonedInstant('2025-07-01', 1439, 'UTC').toISOString()).toBe('2025-07-01T23:59:00.000Z');
  });

  it('moves a time in the Chicago spring-forward gap forward by the hour', () => {
    expect(zonedInstant('2025-03-09', 0, 'America/Chicago').toISOString()).toBe('2025-03-09T06:00:00.000Z');
    expect(zonedInstant('2025-03-09', 90, 'America/Chicago').toISOString()).toBe('2025-03-09T07:30:00.000Z'); // 01:30 CST
    expect(zonedInstant('2025-03-09', 120, 'America/Chicago').toISOString()).toBe('2025-03-09T08:00:00.000Z'); // 02:00 → 03:00 CDT
    expect(zonedInstant('2025-03-09', 150, 'America/Chicago').toISOString()).toBe('2025-03-09T08:30:00.000Z'); // 02:30 → 03:30 CDT
    expect(zonedInstant('2025-03-09', 180, 'America/Chicago').toISOString()).toBe('2025-03-09T08:00:00.000Z'); // 03:00 CDT
    expect(zonedInstant('2025-03-09', 1410, 'America/Chicago').toISOString()).toBe('2025-03-10T04:30:00.000Z'); // 23:30 CDT
  });

  it('takes the earlier instant of a time repeated at the Chicago fall-back', () => {
    expect(zonedInstant('2025-11-02', 0, 'America/Chicago').toISOString()).toBe('2025-11-02T05:00:00.000Z');
    expect(zonedInstant('2025-11-02', 60, 'America/Chicago').toISOString()).toBe('2025-11-02T06:00:00.000Z'); // 01:00 CDT
    expect(zonedInstant('2025-11-02', 90, 'America/Chicago').toISOString()).toBe('2025-11-02T06:30:00.000Z'); // 01:30 CDT
    expect(zonedInstant('2025-11-02', 120, 'America/Chicago').toISOString()).toBe('2025-11-02T08:00:00.000Z'); // 02:00 CST
    expect(zonedInstant('2025-11-02', 1410, 'America/Chicago').toISOString()).toBe('2025-11-03T05:30:00.000Z'); // 23:30 CST
  });

  it('handles the New York gap and overlap', () => {
    expect(zonedInstant('2025-03-09', 150, 'America/New_York').toISOString()).toBe('2025-03-09T07:30:00.000Z'); // 03:30 EDT
    expect(zonedInstant('2025-11-02', 90, 'America/New_York').toISOString()).toBe('2025-11-02T05:30:00.000Z'); // 01:30 EDT
    expect(zonedInstant('2025-11-02', 150, 'America/New_York').toISOString()).toBe('2025-11-02T07:30:00.000Z'); // 02:30 EST
  });

  it('handles Sydney’s April overlap and October gap', () => {
    // 6 April 2025: 03:00 AEDT falls back to 02:00 AEST, so 02:30 happens at 15:30Z and again at 16:30Z.
    expect(zonedInstant('2025-04-06', 150, 'Australia/Sydney').toISOString()).toBe('2025-04-05T15:30:00.000Z');
    expect(zonedInstant('2025-04-06', 0, 'Australia/Sydney').toISOString()).toBe('2025-04-05T13:00:00.000Z');
    expect(zonedInstant('2025-04-07', 0, 'Australia/Sydney').toISOString()).toBe('2025-04-06T14:00:00.000Z');
    // 5 October 2025: 02:00 AEST springs to 03:00 AEDT, so 02:30 does not exist and becomes 03:30 AEDT.
    expect(zonedInstant('2025-10-05', 150, 'Australia/Sydney').toISOString()).toBe('2025-10-04T16:30:00.000Z');
    expect(zonedInstant('2025-10-05', 0, 'Australia/Sydney').toISOString()).toBe('2025-10-04T14:00:00.000Z');
  });

  it('gives the DST days 23 and 25 hours', () => {
    const length = (day: string, tz: string) =>
      (zonedInstant(addDays(day, 1), 0, tz).getTime() - zonedInstant(day, 0, tz).getTime()) / HOUR;
    expect(length('2025-03-09', 'America/Chicago')).toBe(23);
    expect(length('2025-11-02', 'America/Chicago')).toBe(25);
    expect(length('2025-04-06', 'Australia/Sydney')).toBe(25);
    expect(length('2025-10-05', 'Australia/Sydney')).toBe(23);
    expect(length('2025-07-01', 'Asia/Kolkata')).toBe(24);
  });

  it('rejects minutes outside the day and bad days', () => {
    expect(() => zonedInstant('2025-03-09', 1440, 'UTC')).toThrow(RangeError);
    expect(() => zonedInstant('2025-03-09', -1, 'UTC')).toThrow(RangeError);
    expect(() => zonedInstant('2025-03-09', 1.5, 'UTC')).toThrow(RangeError);
    expect(() => zonedInstant('2025-02-30', 0, 'UTC')).toThrow('February 2025 has 28 days');
    expect(() => zonedInstant('2025-03-09', 0, 'Nowhere/Town')).toThrow(RangeError);
  });

  const zones = [
    'America/Chicago',
    'America/New_York',
    'America/Los_Angeles',
    'Asia/Tokyo',
    'Asia/Kolkata',
    'Australia/Sydney',
    'Australia/Lord_Howe',
    'Europe/London',
    'Pacific/Auckland',
    'UTC',
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  const localMinutes = (instant: Date, tz: string) => {
    const text = formatWithOffset(instant, tz);
    return { day: text.slice(0, 10), minutes: Number(text.slice(11, 13)) * 60 + Number(text.slice(14, 16)) };
  };

  /** Checks one wall-clock time; tells whether it fell in a gap. */
  const checkWallTime = (tz: string, day: string, minutes: number): boolean => {
    const instant = zonedInstant(day, minutes, tz);
    const local = localMinutes(instant, tz);
    if (local.day === day && local.minutes === minutes) {
      expect(dayInZone(instant, tz)).toBe(day);
      // No earlier instant within three hours shows the same wall-clock minute.
      for (let back = 15; back <= 180; back += 15) {
        const earlier = localMinutes(new Date(instant.getTime() - back * 60_000), tz);
        expect(earlier.day === day && earlier.minutes === minutes).toBe(false);
      }
      return false;
    }
    const gapMinutes = (zoneOffsetMs(instant, tz) - zoneOffsetMs(instant.getTime() - 86_400_000, tz)) / 60_000;
    expect(gapMinutes).toBeGreaterThan(0);
    const expected = new Date(zonedInstant(day, 0, 'UTC').getTime() + (minutes + gapMinutes) * 60_000).toISOString();
    expect(`${local.day}T${pad(Math.floor(local.minutes / 60))}:${pad(local.minutes % 60)}`).toBe(expected.slice(0, 16));
    return true;
  };

  it('round-trips every 5 minutes of the transition days, moving gap times forward by the gap', () => {
    const gapMinutes = (tz: string, day: string) => {
      let inGap = 0;
      for (let minutes = 0; minutes < 1440; minutes += 5) if (checkWallTime(tz, day, minutes)) inGap += 5;
      return inGap;
    };
    expect(gapMinutes('America/Chicago', '2025-03-09')).toBe(60);
    expect(gapMinutes('America/Chicago', '2025-11-02')).toBe(0);
    expect(gapMinutes('America/New_York', '2025-03-09')).toBe(60);
    expect(gapMinutes('America/New_York', '2025-11-02')).toBe(0);
    expect(gapMinutes('Australia/Sydney', '2025-10-05')).toBe(60);
    expect(gapMinutes('Australia/Sydney', '2025-04-06')).toBe(0);
    expect(gapMinutes('Australia/Lord_Howe', '2025-10-05')).toBe(30);
  });

  it('round-trips through dayInZone for any day and minute', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1990, 0, 1) / 86_400_000, max: Date.UTC(2060, 0, 1) / 86_400_000 }),
        fc.integer({ min: 0, max: 1439 }),
        (tz, epochDay, minutes) => {
          checkWallTime(tz, new Date(epochDay * 86_400_000).toISOString().slice(0, 10), minutes);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('formatWithOffset', () => {
  it('writes the local time with the zone’s offset', () => {
    expect(formatWithOffset(at('2025-03-10T00:30:00Z'), 'America/Chicago')).toBe('2025-03-09T19:30:00-05:00');
    expect(formatWithOffset(at('2025-03-09T07:59:59Z'), 'America/Chicago')).toBe('2025-03-09T01:59:59-06:00');
    expect(formatWithOffset(at('2025-03-09T08:00:00Z'), 'America/Chicago')).toBe('2025-03-09T03:00:00-05:00');
    expect(formatWithOffset(at('2025-11-02T06:30:00Z'), 'America/Chicago')).toBe('2025-11-02T01:30:00-05:00');
    expect(formatWithOffset(at('2025-11-02T07:30:00Z'), 'America/Chicago')).toBe('2025-11-02T01:30:00-06:00');
    expect(formatWithOffset(at('2025-11-02T05:30:00Z'), 'America/New_York')).toBe('2025-11-02T01:30:00-04:00');
    expect(formatWithOffset(at('2025-11-02T06:30:00Z'), 'America/New_York')).toBe('2025-11-02T01:30:00-05:00');
  });

  it('writes offsets east of UTC, including half hours', () => {
    expect(formatWithOffset(at('2024-12-31T15:00:00Z'), 'Asia/Tokyo')).toBe('2025-01-01T00:00:00+09:00');
    expect(formatWithOffset(at('2025-06-30T18:29:59Z'), 'Asia/Kolkata')).toBe('2025-06-30T23:59:59+05:30');
    expect(formatWithOffset(at('2025-04-05T15:30:00Z'), 'Australia/Sydney')).toBe('2025-04-06T02:30:00+11:00');
    expect(formatWithOffset(at('2025-04-05T16:30:00Z'), 'Australia/Sydney')).toBe('2025-04-06T02:30:00+10:00');
  });

  it('writes milliseconds only when there are some, and +00:00 for UTC', () => {
    expect(formatWithOffset(at('2025-03-10T00:30:00.045Z'), 'America/Chicago')).toBe('2025-03-09T19:30:00.045-05:00');
    expect(formatWithOffset(at('2025-03-10T00:30:00.500Z'), 'America/Chicago')).toBe('2025-03-09T19:30:00.500-05:00');
    expect(formatWithOffset(0, 'UTC')).toBe('1970-01-01T00:00:00+00:00');
  });

  it('writes the seconds of a historical local-mean-time offset', () => {
    // Liberia kept UTC−00:44:30 until 1972.
    expect(formatWithOffset(at('1960-01-01T00:00:00Z'), 'Africa/Monrovia')).toBe('1959-12-31T23:15:30-00:44:30');
  });

  it('round-trips through parseIsoDateTime', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1970, 0, 2), max: Date.UTC(2200, 0, 1) }),
        fc.constantFrom('America/Chicago', 'Asia/Kolkata', 'Australia/Sydney', 'Asia/Tokyo', 'UTC'),
        (ms, tz) => {
          expect(parseIsoDateTime(formatWithOffset(ms, tz)).getTime()).toBe(ms);
        },
      ),
    );
  });
});

describe('time-zone names', () => {
  it('accepts IANA zones Intl knows', () => {
    for (const tz of ['America/Chicago', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'UTC', 'Etc/GMT+5']) {
      expect(isValidTimeZone(tz)).toBe(true);
    }
  });

  it('rejects empty strings, offsets and unknown names', () => {
    for (const tz of ['', '+05:00', '-05:00', '-0500', '\u221205:00', 'Mars/Olympus_Mons', ' America/Chicago', 'Z']) {
      expect(isValidTimeZone(tz)).toBe(false);
    }
    expect(isValidTimeZone(undefined as unknown as string)).toBe(false);
  });

  it('canonicalizes the letter case', () => {
    expect(canonicalTimeZone('america/chicago')).toBe('America/Chicago');
  });

  it('reports offsets in milliseconds', () => {
    expect(zoneOffsetMs(at('2025-07-01T00:00:00Z'), 'America/New_York')).toBe(-4 * HOUR);
    expect(zoneOffsetMs(at('2025-01-01T00:00:00Z'), 'America/New_York')).toBe(-5 * HOUR);
    expect(zoneOffsetMs(at('2025-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * HOUR);
  });
});

describe('steadyOffsetOfDay', () => {
  it('is null on the days clocks change and the offset of the day otherwise', () => {
    expect(steadyOffsetOfDay('2025-03-09', 'America/Chicago')).toBeNull();
    expect(steadyOffsetOfDay('2025-11-02', 'America/Chicago')).toBeNull();
    expect(steadyOffsetOfDay('2025-03-10', 'America/Chicago')).toBeNull(); // within a day of the change
    expect(steadyOffsetOfDay('2025-03-12', 'America/Chicago')).toBe(-5 * 3_600_000);
    expect(steadyOffsetOfDay('2025-01-15', 'America/Chicago')).toBe(-6 * 3_600_000);
    expect(steadyOffsetOfDay('2025-01-15', 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
    expect(formatUtcOffset(5.5 * 3_600_000)).toBe('+05:30');
  });

  it('gives every wall time of a steady day the instant zonedInstant gives', () => {
    const zones = ['America/Chicago', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Apia', 'Asia/Kolkata', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 60 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.constantFrom(...zones),
        (dayIndex, minutes, zone) => {
          const day = addDays('1990-01-01', dayIndex);
          const steady = steadyOffsetOfDay(day, zone);
          if (steady === null) return;
          const wallMs = Date.parse(`${day}T00:00:00Z`) + minutes * 60_000;
          expect(wallMs - steady).toBe(zonedInstant(day, minutes, zone).getTime());
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('wallClockHourOfWeek', () => {
  it('reads the weekday (1 = Monday … 7 = Sunday) and hour of the wall clock', () => {
    // Monday 2026-03-02 00:00 CST = 06:00Z; Sunday 2026-03-01 23:59 CST = 05:59Z.
    expect(wallClockHourOfWeek(at('2026-03-02T06:00:00Z'), 'America/Chicago')).toEqual({ weekday: 1, hour: 0 });
    expect(wallClockHourOfWeek(at('2026-03-02T05:59:59Z'), 'America/Chicago')).toEqual({ weekday: 7, hour: 23 });
    expect(wallClockHourOfWeek(at('2026-03-02T05:59:59Z'), 'UTC')).toEqual({ weekday: 1, hour: 5 });
    // Tokyo (+09:00): 15:00Z on a Friday is Saturday 00:00.
    expect(wallClockHourOfWeek(at('2026-03-06T15:00:00Z'), 'Asia/Tokyo')).toEqual({ weekday: 6, hour: 0 });
    expect(wallClockHourOfWeek(Date.parse('2026-03-06T14:59:59Z'), 'Asia/Tokyo')).toEqual({ weekday: 5, hour: 23 });
  });

  it('skips 2 a.m. on the day Chicago springs forward (Sunday 2026-03-08)', () => {
    // 01:59:59 CST = 07:59:59Z; the next second is 03:00 CDT.
    expect(wallClockHourOfWeek(at('2026-03-08T07:59:59Z'), 'America/Chicago')).toEqual({ weekday: 7, hour: 1 });
    expect(wallClockHourOfWeek(at('2026-03-08T08:00:00Z'), 'America/Chicago')).toEqual({ weekday: 7, hour: 3 });
    const hours = new Set<number>();
    for (let ms = Date.parse('2026-03-08T06:00:00Z'); ms < Date.parse('2026-03-09T05:00:00Z'); ms += 15 * 60_000) {
      const cell = wallClockHourOfWeek(ms, 'America/Chicago');
      expect(cell.weekday).toBe(7);
      hours.add(cell.hour);
    }
    // The day is 23 hours long: every hour but 2.
    expect([...hours].sort((a, b) => a - b)).toEqual([0, 1, ...Array.from({ length: 21 }, (_, i) => i + 3)]);
  });

  it('counts both 1 a.m. hours as hour 1 on the day Chicago falls back (Sunday 2026-11-01)', () => {
    // 01:30 CDT = 06:30Z, 01:30 CST = 07:30Z, 02:00 CST = 08:00Z.
    expect(wallClockHourOfWeek(at('2026-11-01T06:30:00Z'), 'America/Chicago')).toEqual({ weekday: 7, hour: 1 });
    expect(wallClockHourOfWeek(at('2026-11-01T07:30:00Z'), 'America/Chicago')).toEqual({ weekday: 7, hour: 1 });
    expect(wallClockHourOfWeek(at('2026-11-01T08:00:00Z'), 'America/Chicago')).toEqual({ weekday: 7, hour: 2 });
    const perHour = new Map<number, number>();
    for (let ms = Date.parse('2026-11-01T05:00:00Z'); ms < Date.parse('2026-11-02T06:00:00Z'); ms += HOUR) {
      const { hour } = wallClockHourOfWeek(ms, 'America/Chicago');
      perHour.set(hour, (perHour.get(hour) ?? 0) + 1);
    }
    // 25 hours: hour 1 twice, every other hour once.
    expect(perHour.get(1)).toBe(2);
    expect([...perHour.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect([...perHour.values()].reduce((a, b) => a + b)).toBe(25);
  });

  it('agrees with dayInZone and formatWithOffset on the wall clock', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2040-01-01T00:00:00Z') }),
        fc.constantFrom('America/Chicago', 'Australia/Sydney', 'Asia/Kolkata', 'Europe/London'),
        (ms, zone) => {
          const { weekday, hour } = wallClockHourOfWeek(ms, zone);
          const day = dayInZone(ms, zone);
          // 1970-01-01 (epoch day 0) was a Thursday (ISO 4).
          const epochDay = Date.parse(`${day}T00:00:00Z`) / 86_400_000;
          expect(weekday).toBe(((((epochDay + 3) % 7) + 7) % 7) + 1);
          expect(hour).toBe(Number(formatWithOffset(ms, zone).slice(11, 13)));
        },
      ),
    );
  });
});
