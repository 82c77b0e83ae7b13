import { addDays, daysBetween, MAX_RANGE_WEEKS, weekEndOf, weekStartOf, type WeekStart } from '@tiktok-insights/shared';
import { useId, useState } from 'react';
import { formatDayRange, formatWeek } from '../../format/dates';

export interface WeekRange {
  start: string;
  end: string;
}

export function weeksIn(range: WeekRange): number {
  return Math.round((daysBetween(range.start, range.end) + 1) / 7);
}

/** The last `weeks` full weeks before the week holding `today`. */
export function lastFullWeeks(today: string, weekStartsOn: WeekStart, weeks: number): WeekRange {
  const currentWeek = weekStartOf(today, weekStartsOn);
  return { start: addDays(currentWeek, -7 * weeks), end: addDays(currentWeek, -1) };
}

const PRESETS = [4, 6, 12, 26, 52];

/**
 * The Date Range field: shows the range; expanded, it lets the seller pick a start week and an
 * end week (any day picked snaps to its whole week, starting on the shop's `weekStartsOn`) or a
 * preset. The choice is a draft until the page's Update button applies it.
 */
export function DateRangeField({
  weekStartsOn,
  today,
  value,
  onChange,
  changed,
}: {
  weekStartsOn: WeekStart;
  today: string;
  /** The draft range (equal to the applied one until the seller changes it). */
  value: WeekRange;
  onChange: (range: WeekRange) => void;
  /** Whether the draft differs from what the page shows. */
  changed: boolean;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const startId = useId();
  const endId = useId();
  const latestEnd = weekEndOf(today, weekStartsOn);
  const weeks = weeksIn(value);
  const invalid = daysBetween(value.start, value.end) < 0;
  const tooLong = weeks > MAX_RANGE_WEEKS;

  const setStart = (day: string) => {
    if (!day) return;
    const start = weekStartOf(day, weekStartsOn);
    onChange({ start, end: daysBetween(start, value.end) < 0 ? weekEndOf(start, weekStartsOn) : value.end });
  };
  const setEnd = (day: string) => {
    if (!day) return;
    const end = weekEndOf(day, weekStartsOn);
    onChange({ start: daysBetween(value.start, end) < 0 ? weekStartOf(end, weekStartsOn) : value.start, end });
  };

  return (
    <div className="date-range" data-testid="date-range">
      <button
        type="button"
        className={`date-range__toggle ${changed ? 'is-changed' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="date-range__label">Date range</span>
        <span className="date-range__value">
          {formatDayRange(value.start, value.end)} <span className="muted">· {weeks} {weeks === 1 ? 'week' : 'weeks'}</span>
        </span>
        <span aria-hidden="true" className="date-range__chevron">
          {open ? '▴' : '▾'}
        </span>
      </button>
      {open && (
        <div id={panelId} className="date-range__panel" role="group" aria-label="Choose whole weeks">
          <div className="date-range__presets" role="group" aria-label="Quick ranges">
            {PRESETS.map((n) => (
              <button key={n} type="button" className="chip" onClick={() => onChange(lastFullWeeks(today, weekStartsOn, n))}>
                Last {n} weeks
              </button>
            ))}
          </div>
          <div className="date-range__inputs">
            <div className="field">
              <label htmlFor={startId}>Start week</label>
              <input id={startId} type="date" value={value.start} max={latestEnd} onChange={(e) => setStart(e.target.value)} />
              <span className="field__hint">{formatWeek(value.start)}</span>
            </div>
            <div className="field">
              <label htmlFor={endId}>End week</label>
              <input id={endId} type="date" value={value.end} max={latestEnd} onChange={(e) => setEnd(e.target.value)} />
              <span className="field__hint">{formatWeek(weekStartOf(value.end, weekStartsOn), value.end)}</span>
            </div>
          </div>
          <p className="muted small">
            Weeks start on {weekStartsOn === 'MONDAY' ? 'Monday' : 'Sunday'}; any day you pick selects its whole week.
            {changed && ' Press Update to apply.'}
          </p>
          {(invalid || tooLong) && (
            <p className="field__error" role="alert">
              {invalid ? 'The end week is before the start week.' : `Choose at most ${MAX_RANGE_WEEKS} weeks.`}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
