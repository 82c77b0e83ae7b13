import { addDays } from '@tiktok-insights/shared';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function parts(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y ?? 0, m ?? 1, d ?? 1];
}

/** "Mar 3" for a `YYYY-MM-DD` day (a calendar day, no time zone involved). */
export function formatDay(day: string): string {
  const [, m, d] = parts(day);
  return `${MONTHS[m - 1]} ${d}`;
}

/** "Mar 3, 2026". */
export function formatDayWithYear(day: string): string {
  const [y] = parts(day);
  return `${formatDay(day)}, ${y}`;
}

/** "Tue, Mar 3"; `withYear`: "Tue, Mar 3, 2026". */
export function formatDayWithWeekday(day: string, withYear = false): string {
  const [y, m, d] = parts(day);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${WEEKDAYS[weekday]}, ${withYear ? formatDayWithYear(day) : formatDay(day)}`;
}

/** "Mar 3 – Apr 13, 2026", or with both years when they differ. */
export function formatDayRange(start: string, end: string): string {
  const [ys] = parts(start);
  const [ye] = parts(end);
  return ys === ye ? `${formatDay(start)} – ${formatDayWithYear(end)}` : `${formatDayWithYear(start)} – ${formatDayWithYear(end)}`;
}

/** "Week of Mar 3 – Mar 9"; `withYear`: "Week of Nov 25 – Dec 1, 2024", "Week of Dec 30, 2024 – Jan 5, 2025". */
export function formatWeek(start: string, end: string = addDays(start, 6), withYear = false): string {
  return `Week of ${withYear ? formatDayRange(start, end) : `${formatDay(start)} – ${formatDay(end)}`}`;
}

/**
 * Whether dates on a chart need their year to be unambiguous: some day is not in the year of
 * `today` (the points run over more than one calendar year, or lie in another year).
 */
export function chartNeedsYear(days: readonly string[], today: string): boolean {
  const [thisYear] = parts(today);
  return days.some((day) => parts(day)[0] !== thisYear);
}

/** Intl formatters are costly to make (a table's dates made one per cell); one per zone and style is kept. */
const zonedFormatters = new Map<string, Intl.DateTimeFormat>();
function zonedFormatter(style: 'instant' | 'day', timeZone: string): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`;
  let formatter = zonedFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(
      'en-US',
      style === 'instant'
        ? { timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }
        : { timeZone, year: 'numeric', month: 'short', day: 'numeric' },
    );
    zonedFormatters.set(key, formatter);
  }
  return formatter;
}

/** An instant in the shop's time zone: "Nov 26, 2026, 5:16 AM CST". */
export function formatInstantInZone(iso: string, timeZone: string): string {
  return zonedFormatter('instant', timeZone).format(new Date(iso));
}

/** The calendar day of an instant in the shop's time zone: "Nov 26, 2026". */
export function formatDateInZone(iso: string, timeZone: string): string {
  return zonedFormatter('day', timeZone).format(new Date(iso));
}
