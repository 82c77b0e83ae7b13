import {
  InvalidDateError,
  formatUtcOffset,
  formatWithOffset,
  parseIsoDateTime,
  parseIsoDay,
  steadyOffsetOfDay,
  zonedInstant,
} from '@tiktok-insights/shared';
import { type CellResult, shorten } from './file-cells.js';

const US_WALL_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/;
const ISO_WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const WALL_TIME_FORMATS = 'MM/DD/YYYY hh:mm:ss AM or YYYY-MM-DD HH:mm:ss';

const pad = (digits: string) => digits.padStart(2, '0');

/**
 * A time without an offset, as Seller Center writes `Created Time` (`03/09/2025 07:30:00 PM` or
 * `2025-03-09 19:30:00`), read on the wall clock of the shop's time zone, as ISO 8601 with that
 * zone's offset then (`2025-03-09T19:30:00-05:00`).
 *
 * A wall time a clock change makes ambiguous is read as `zonedInstant` reads it: a time skipped
 * by the spring-forward gap (02:30 on a day clocks jump from 02:00 to 03:00) moves forward by the
 * gap (03:30 daylight time), since the buyer's clock could not show it; a time the fall-back
 * repeats (01:30) is its first occurrence, in daylight time. Either way the order stays on the
 * day the file shows.
 */
export function wallTimeInZone(text: string, timeZone: string): CellResult<string> {
  const us = US_WALL_TIME.exec(text);
  const iso = us ? null : ISO_WALL_TIME.exec(text);
  if (!us && !iso) return { problem: `must be a time such as ${WALL_TIME_FORMATS}, got "${shorten(text)}"` };
  const [year, month, day] = us ? [us[3]!, us[1]!, us[2]!] : [iso![1]!, iso![2]!, iso![3]!];
  const [hourText, minute, second = '0', meridiem] = us ? [us[4]!, us[5]!, us[6], us[7]] : [iso![4]!, iso![5]!, iso![6], undefined];
  let hour = Number(hourText);
  if (meridiem) {
    if (hour < 1 || hour > 12) return { problem: `has hour ${hourText}, which a 12-hour clock does not show` };
    hour = (hour % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0);
  }
  if (hour > 23 || Number(minute) > 59 || Number(second) > 59) return { problem: `is not a time of day: "${shorten(text)}"` };
  let isoDay: string;
  try {
    isoDay = parseIsoDay(`${year}-${pad(month)}-${pad(day)}`);
  } catch (error) {
    if (error instanceof InvalidDateError) return { problem: `is not a date: ${error.reason}` };
    throw error;
  }
  const steady = steadyOffsetOfDay(isoDay, timeZone);
  if (steady !== null) return { value: `${isoDay}T${pad(String(hour))}:${minute}:${pad(second)}${formatUtcOffset(steady)}` };
  // Offsets are whole minutes (every zone since 1972), so the seconds add on after the minute's instant.
  const instant = zonedInstant(isoDay, hour * 60 + Number(minute), timeZone).getTime() + Number(second) * 1000;
  return { value: formatWithOffset(instant, timeZone) };
}

const OFFSET_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * A time with its offset, as Shopify writes `Created at` (`2025-03-09 19:30:00 -0500`), as ISO
 * 8601 (`2025-03-09T19:30:00-05:00`).
 */
export function offsetTime(text: string): CellResult<string> {
  const match = OFFSET_TIME.exec(text);
  if (!match) return { problem: `must be a time with its offset such as 2025-03-09 19:30:00 -0500, got "${shorten(text)}"` };
  const [, day, time, zulu, sign, hours, minutes] = match;
  const iso = `${day}T${time}${zulu ? 'Z' : `${sign}${hours}:${minutes}`}`;
  try {
    parseIsoDateTime(iso);
  } catch (error) {
    if (error instanceof InvalidDateError) return { problem: `is not a time: ${error.reason}` };
    throw error;
  }
  return { value: iso };
}
