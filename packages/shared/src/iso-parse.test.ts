import { describe, expect, it } from 'vitest';
import { InvalidDateError } from './errors';
import { parseIsoDateTime, parseIsoDay } from './iso-parse';

const iso = (value: string) => parseIsoDateTime(value).toISOString();

function reasonOf(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDateError);
    return (error as InvalidDateError).reason;
  }
  throw new Error('expected the value to be rejected');
}

describe('parseIsoDay', () => {
  it('accepts real calendar dates from 1970 to 9999', () => {
    for (const day of ['2025-03-09', '2024-02-29', '2000-02-29', '1970-01-01', '9999-12-31', '2024-12-31']) {
      expect(parseIsoDay(day)).toBe(day);
    }
  });

  it('rejects dates that do not exist', () => {
    expect(reasonOf(() => parseIsoDay('2025-02-30'))).toBe('day 30 does not exist (February 2025 has 28 days)');
    expect(reasonOf(() => parseIsoDay('2023-02-29'))).toBe('day 29 does not exist (February 2023 has 28 days)');
    expect(reasonOf(() => parseIsoDay('2100-02-29'))).toBe('day 29 does not exist (February 2100 has 28 days)');
    expect(reasonOf(() => parseIsoDay('2025-04-31'))).toBe('day 31 does not exist (April 2025 has 30 days)');
    expect(reasonOf(() => parseIsoDay('2025-01-00'))).toBe('day 00 does not exist (January 2025 has 31 days)');
    expect(reasonOf(() => parseIsoDay('2025-13-01'))).toBe('month 13 does not exist');
    expect(reasonOf(() => parseIsoDay('2025-00-10'))).toBe('month 00 does not exist');
  });

  it('rejects years outside 1970–9999', () => {
    expect(reasonOf(() => parseIsoDay('0999-12-31'))).toBe('year 0999 is outside 1970–9999');
    expect(reasonOf(() => parseIsoDay('1969-12-31'))).toBe('year 1969 is outside 1970–9999');
  });

  it('rejects anything but exactly YYYY-MM-DD', () => {
    const malformed = [
      '2025-3-9',
      '20250309',
      '2025/03/09',
      ' 2025-03-09',
      '2025-03-09 ',
      '2025-03-09\n',
      '2025-03-09T00:00:00Z',
      '+02025-03-09',
      '\uff12\uff10\uff12\uff15-03-09',
      '',
    ];
    for (const value of malformed) expect(reasonOf(() => parseIsoDay(value))).toBe('expected YYYY-MM-DD');
    expect(reasonOf(() => parseIsoDay(20250309 as unknown as string))).toBe('expected YYYY-MM-DD');
  });

  it('names the value in the message', () => {
    expect(() => parseIsoDay('2025-02-30')).toThrow('Invalid date "2025-02-30": day 30 does not exist (February 2025 has 28 days)');
  });
});

describe('parseIsoDateTime', () => {
  it('accepts offsets written as Z, ±HH:MM and ±HHMM', () => {
    expect(iso('2025-03-09T19:30:00-05:00')).toBe('2025-03-10T00:30:00.000Z');
    expect(iso('2025-03-09T19:30:00Z')).toBe('2025-03-09T19:30:00.000Z');
    expect(iso('2025-03-09T19:30:00+05:30')).toBe('2025-03-09T14:00:00.000Z');
    expect(iso('2025-03-09T19:30:00-0500')).toBe('2025-03-10T00:30:00.000Z');
    expect(iso('2025-03-09T19:30:00+0930')).toBe('2025-03-09T10:00:00.000Z');
    expect(iso('2025-03-09T19:30:00-00:00')).toBe('2025-03-09T19:30:00.000Z');
  });

  it('accepts a space separator, lower-case t and z, and no seconds', () => {
    expect(iso('2025-03-09 19:30:00-05:00')).toBe('2025-03-10T00:30:00.000Z');
    expect(iso('2025-03-09t19:30:00z')).toBe('2025-03-09T19:30:00.000Z');
    expect(iso('2025-03-09T19:30-05:00')).toBe('2025-03-10T00:30:00.000Z');
    expect(iso('2025-03-09 19:30Z')).toBe('2025-03-09T19:30:00.000Z');
  });

  it('keeps up to milliseconds of 1–9 fractional digits, truncating', () => {
    expect(iso('2025-03-09T19:30:00.1Z')).toBe('2025-03-09T19:30:00.100Z');
    expect(iso('2025-03-09T19:30:00.12Z')).toBe('2025-03-09T19:30:00.120Z');
    expect(iso('2025-03-09T19:30:00.123Z')).toBe('2025-03-09T19:30:00.123Z');
    expect(iso('2025-03-09T19:30:00.9999Z')).toBe('2025-03-09T19:30:00.999Z');
    expect(iso('2025-03-09T19:30:00.123456789-05:00')).toBe('2025-03-10T00:30:00.123Z');
  });

  it('crosses the year boundary and lands on the leap day', () => {
    expect(iso('2024-12-31T23:30:00-06:00')).toBe('2025-01-01T05:30:00.000Z');
    expect(iso('2025-01-01T08:00:00+09:00')).toBe('2024-12-31T23:00:00.000Z');
    expect(iso('2024-02-29T23:59:59+18:00')).toBe('2024-02-29T05:59:59.000Z');
    expect(iso('2024-02-29T00:00:00-18:00')).toBe('2024-02-29T18:00:00.000Z');
  });

  it('spans 1970 to 9999', () => {
    expect(parseIsoDateTime('1970-01-01T00:00:00Z').getTime()).toBe(0);
    expect(iso('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
  });

  it('says when the offset is missing', () => {
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T19:30:00'))).toBe('needs a time-zone offset such as Z or -05:00');
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T19:30'))).toBe('needs a time-zone offset such as Z or -05:00');
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T19:30:00.250'))).toBe('needs a time-zone offset such as Z or -05:00');
    expect(reasonOf(() => parseIsoDateTime('2025-03-09'))).toBe(
      'needs a time and a time-zone offset, e.g. 2025-03-09T19:30:00-05:00',
    );
    expect(() => parseIsoDateTime('2025-03-09T19:30:00')).toThrow(
      'Invalid date-time "2025-03-09T19:30:00": needs a time-zone offset such as Z or -05:00',
    );
  });

  it('rejects dates and times that do not exist', () => {
    expect(reasonOf(() => parseIsoDateTime('2025-02-30T10:00:00Z'))).toBe('day 30 does not exist (February 2025 has 28 days)');
    expect(reasonOf(() => parseIsoDateTime('2025-13-01T10:00:00Z'))).toBe('month 13 does not exist');
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T24:00:00Z'))).toBe('hour 24 is out of range 00–23');
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T23:60:00Z'))).toBe('minute 60 is out of range 00–59');
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T23:59:60Z'))).toBe('second 60 is out of range 00–59');
  });

  it('rejects years outside 1970–9999', () => {
    expect(reasonOf(() => parseIsoDateTime('0999-12-31T00:00:00Z'))).toBe('year 0999 is outside 1970–9999');
    expect(reasonOf(() => parseIsoDateTime('1969-12-31T23:59:59Z'))).toBe('year 1969 is outside 1970–9999');
  });

  it('limits offsets to ±18:00', () => {
    expect(iso('2025-03-09T19:30:00-18:00')).toBe('2025-03-10T13:30:00.000Z');
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T19:30:00+18:01'))).toBe('offset +18:01 is beyond ±18:00');
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T19:30:00-23:00'))).toBe('offset -23:00 is beyond ±18:00');
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T19:30:00+05:60'))).toBe('offset minutes 60 are out of range 00–59');
  });

  it('rejects malformed offsets and trailing text', () => {
    const badOffset = 'has an invalid time-zone offset; use Z, ±HH:MM or ±HHMM';
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T19:30:00+05'))).toBe(badOffset);
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T19:30:00 -05:00'))).toBe(badOffset);
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T19:30:00EST'))).toBe(badOffset);
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T19:30:00\u221205:00'))).toBe(badOffset);
    const trailing = 'has unexpected text after the time-zone offset';
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T19:30:00Z junk'))).toBe(trailing);
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T19:30:00-05:00x'))).toBe(trailing);
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T19:30:00Z\n'))).toBe(trailing);
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T19:30:00-05:00[America/Chicago]'))).toBe(trailing);
  });

  it('rejects malformed fractions', () => {
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T19:30:00.Z'))).toBe('has a decimal point without digits after it');
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T19:30:00.1234567890Z'))).toBe(
      'has more than 9 digits of fractional seconds',
    );
    expect(reasonOf(() => parseIsoDateTime('2025-03-09T19:30:00,5Z'))).toBe(
      'uses a comma before the fraction of a second; use a point',
    );
  });

  it('rejects other shapes', () => {
    const notIso = 'is not an ISO 8601 date-time, e.g. 2025-03-09T19:30:00-05:00';
    for (const value of ['', 'yesterday', '2025-03-09T7:30:00Z', ' 2025-03-09T19:30:00Z', '2025-03-09X19:30:00Z', '1741548600']) {
      expect(reasonOf(() => parseIsoDateTime(value))).toBe(notIso);
    }
    expect(reasonOf(() => parseIsoDateTime(1741548600000 as unknown as string))).toBe('expected a string');
  });

  it('keeps long values out of the message', () => {
    const error = (() => {
      try {
        parseIsoDateTime('9'.repeat(10_000));
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected a rejection');
    })();
    expect(error.message.length).toBeLessThan(150);
    expect(error.name).toBe('InvalidDateError');
  });
});
