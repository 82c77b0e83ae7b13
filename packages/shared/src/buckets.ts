import { type IsoDay, type WeekStart, compareDays, dayOfEpochDay, epochDayOf, isWeekStart } from './calendar-day';
import { type DayWindow, windowLength } from './windows';

/** One bucket per day of the window, oldest first. */
export function dayBuckets(w: DayWindow): DayWindow[] {
  const length = windowLength(w);
  const first = epochDayOf(w.start);
  const buckets: DayWindow[] = [];
  for (let i = 0; i < length; i++) {
    const day = dayOfEpochDay(first + i);
    buckets.push({ start: day, end: day });
  }
  return buckets;
}

/** One bucket per week, oldest first. The window must already be whole weeks starting on `weekStartsOn`. */
export function weekBuckets(w: DayWindow, weekStartsOn: WeekStart): DayWindow[] {
  const length = windowLength(w);
  if (!isWeekStart(w.start, weekStartsOn) || length % 7 !== 0) {
    throw new RangeError(`The window ${w.start} … ${w.end} is not whole weeks starting on ${weekStartsOn}`);
  }
  const first = epochDayOf(w.start);
  const buckets: DayWindow[] = [];
  for (let i = 0; i < length; i += 7) {
    buckets.push({ start: dayOfEpochDay(first + i), end: dayOfEpochDay(first + i + 6) });
  }
  return buckets;
}

/** Index of the bucket holding `day` in buckets sorted oldest first, or −1 when none does. */
export function bucketIndexOf(buckets: readonly DayWindow[], day: IsoDay): number {
  let low = 0;
  let high = buckets.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const bucket = buckets[mid] as DayWindow;
    if (compareDays(day, bucket.start) < 0) high = mid - 1;
    else if (compareDays(day, bucket.end) > 0) low = mid + 1;
    else return mid;
  }
  return -1;
}

/** Per bucket, the sum of the values whose day it holds; 0 where none does. Days outside every bucket are ignored. */
export function sumByBucket(buckets: readonly DayWindow[], entries: Iterable<readonly [day: IsoDay, value: number]>): number[] {
  const sums = buckets.map(() => 0);
  for (const [day, value] of entries) {
    const index = bucketIndexOf(buckets, day);
    if (index >= 0) sums[index] = (sums[index] as number) + value;
  }
  return sums;
}
