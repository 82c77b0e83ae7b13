/** What the running job has read when the page looked: `at` in milliseconds (performance.now()). */
export interface ProgressSample {
  at: number;
  rowsRead: number;
}

export interface ImportProgress {
  /** 0 to 1; null while the file's rows are not counted yet. */
  fraction: number | null;
  /** Rows read per second since the first sample of the run; null until the job has read some. */
  rowsPerSecond: number | null;
  /** Seconds until every row is read at that pace; null without a count or a pace. */
  secondsLeft: number | null;
}

/**
 * The progress of a running job from what polling saw: how far through the file's rows (counted
 * before the upload) it is, its pace since the first sample, and the time left at that pace.
 */
export function importProgress(samples: readonly ProgressSample[], totalRows: number | null): ImportProgress {
  const last = samples.at(-1);
  const first = samples[0];
  const rowsRead = last?.rowsRead ?? 0;
  const fraction = totalRows === null ? null : totalRows === 0 ? 1 : Math.min(1, rowsRead / totalRows);
  const seconds = first && last ? (last.at - first.at) / 1000 : 0;
  const rowsPerSecond = first && last && seconds > 0 && last.rowsRead > first.rowsRead ? (last.rowsRead - first.rowsRead) / seconds : null;
  const secondsLeft = rowsPerSecond !== null && totalRows !== null ? Math.max(0, (totalRows - rowsRead) / rowsPerSecond) : null;
  return { fraction, rowsPerSecond, secondsLeft };
}

/** "about 2 min 5 s", "about 40 s", "a moment". */
export function formatTimeLeft(seconds: number): string {
  const whole = Math.ceil(seconds);
  if (whole <= 1) return 'a moment';
  if (whole < 60) return `about ${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `about ${minutes} min ${whole % 60} s`;
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A file size for people: "812 B", "4.2 KB", "512.0 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
