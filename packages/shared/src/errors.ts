const SHOWN_VALUE_LENGTH = 40;

function show(value: unknown): string {
  if (typeof value !== 'string') return `(${value === null ? 'null' : typeof value})`;
  const cut = value.length > SHOWN_VALUE_LENGTH ? `${value.slice(0, SHOWN_VALUE_LENGTH)}…` : value;
  return JSON.stringify(cut);
}

/** A date or date-time string that is malformed or names a day or time that does not exist. */
export class InvalidDateError extends Error {
  override readonly name = 'InvalidDateError';
  /** What is wrong, without the value itself, e.g. "needs a time-zone offset such as Z or -05:00". */
  readonly reason: string;

  constructor(kind: 'date' | 'date-time', value: unknown, reason: string) {
    super(`Invalid ${kind} ${show(value)}: ${reason}`);
    this.reason = reason;
  }
}

/** A `from`/`to` pair that does not make a usable week range. */
export class DateRangeError extends Error {
  override readonly name = 'DateRangeError';
  readonly field: 'from' | 'to';

  constructor(field: 'from' | 'to', message: string) {
    super(message);
    this.field = field;
  }
}
