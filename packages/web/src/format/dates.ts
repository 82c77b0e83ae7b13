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

/** "Tue, Mar 3". */
export function formatDayWithWeekday(day: string): string {
  const [y, m, d] = parts(day);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${WEEKDAYS[weekday]}, ${formatDay(day)}`;
}

/** "Mar 3 – Apr 13, 2026", or with both years when they differ. */
export function formatDayRange(start: string, end: string): string {
  const [ys] = parts(start);
  const [ye] = parts(end);
  return ys === ye ? `${formatDay(start)} – ${formatDayWithYear(end)}` : `${formatDayWithYear(start)} – ${formatDayWithYear(end)}`;
}

/** "Week of Mar 3 – Mar 9". */
export function formatWeek(start: string, end: string = addDays(start, 6)): string {
  return `Week of ${formatDay(start)} – ${formatDay(end)}`;
}

/** An instant in the shop's time zone: "Nov 26, 2026, 5:16 AM CST". */
export function formatInstantInZone(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** The calendar day of an instant in the shop's time zone: "Nov 26, 2026". */
export function formatDateInZone(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(iso));
}
