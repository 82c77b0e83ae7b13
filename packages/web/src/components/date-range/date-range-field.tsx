import { addDays, compareDays, daysBetween, MAX_RANGE_WEEKS, weekEndOf, weekStartOf, type WeekStart } from '@tiktok-insights/shared';
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { formatDay, formatDayRange, formatWeek } from '../../format/dates';
import { periodProgress } from '../../format/period-progress';

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
 * Why a range cannot be applied, in a sentence for the seller; null when it can. A range may
 * reach past today (it is shown as in progress), but it must have begun.
 */
export function rangeProblem(range: WeekRange, today: string, weekStartsOn: WeekStart): string | null {
  if (compareDays(range.end, range.start) < 0) {
    return `The end week (${formatWeek(weekStartOf(range.end, weekStartsOn), range.end)}) is before the start week (${formatWeek(range.start)}). Choose an end week on or after the start week.`;
  }
  const currentWeek = weekStartOf(today, weekStartsOn);
  if (compareDays(range.start, currentWeek) > 0) {
    return `The start week has not begun yet. Choose a start week up to this week (${formatWeek(currentWeek)}).`;
  }
  if (weeksIn(range) > MAX_RANGE_WEEKS) return `Choose at most ${MAX_RANGE_WEEKS} weeks.`;
  return null;
}

/** "· 6 weeks", "· 18 weeks · in progress", or what is wrong with it. */
function rangeFacts(range: WeekRange, today: string): string {
  if (compareDays(range.end, range.start) < 0) return '· end before start';
  const weeks = weeksIn(range);
  const state = periodProgress(range, today).state;
  const progress = state === 'in-progress' ? ' · in progress' : state === 'not-started' ? ' · not started' : '';
  return `· ${weeks} ${weeks === 1 ? 'week' : 'weeks'}${progress}`;
}

/**
 * The Date Range field: shows the range; expanded, it lets the seller pick a start week and an
 * end week (any day picked snaps to its whole week, starting on the shop's `weekStartsOn`) or a
 * preset. The choice is a draft until the page's Update button applies it. Escape or a click
 * outside closes the panel (Escape gives focus back to the field's button).
 */
export function DateRangeField({
  weekStartsOn,
  today,
  value,
  onChange,
  changed,
  open,
  onOpenChange,
}: {
  weekStartsOn: WeekStart;
  today: string;
  /** The draft range (equal to the applied one until the seller changes it). */
  value: WeekRange;
  onChange: (range: WeekRange) => void;
  /** Whether the draft differs from what the page shows. */
  changed: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const root = useRef<HTMLDivElement | null>(null);
  const toggle = useRef<HTMLButtonElement | null>(null);
  const panelId = useId();
  const startId = useId();
  const endId = useId();
  const errorId = useId();
  const latestStart = weekEndOf(today, weekStartsOn);
  const problem = rangeProblem(value, today, weekStartsOn);
  const progress = compareDays(value.end, value.start) < 0 ? null : periodProgress(value, today);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) onOpenChange(false);
    };
    document.addEventListener('mousedown', onPointerDown);
    return () => document.removeEventListener('mousedown', onPointerDown);
  }, [open, onOpenChange]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    event.preventDefault();
    event.stopPropagation();
    onOpenChange(false);
    toggle.current?.focus();
  };

  const setStart = (day: string) => {
    if (day) onChange({ start: weekStartOf(day, weekStartsOn), end: value.end });
  };
  const setEnd = (day: string) => {
    if (day) onChange({ start: value.start, end: weekEndOf(day, weekStartsOn) });
  };

  return (
    <div className="date-range" data-testid="date-range" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={toggle}
        type="button"
        className={`date-range__toggle ${changed ? 'is-changed' : ''} ${problem ? 'is-invalid' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => onOpenChange(!open)}
      >
        <span className="date-range__label">Date range</span>
        <span className="date-range__value">
          {formatDayRange(value.start, value.end)} <span className="muted">{rangeFacts(value, today)}</span>
        </span>
        <span aria-hidden="true" className="date-range__chevron">
          {open ? '▴' : '▾'}
        </span>
      </button>
      {open && (
        <div id={panelId} className="date-range__panel" role="group" aria-label="Choose whole weeks">
          <div className="date-range__presets" role="group" aria-label="Quick ranges">
            {PRESETS.map((n) => {
              const preset = lastFullWeeks(today, weekStartsOn, n);
              const chosen = preset.start === value.start && preset.end === value.end;
              return (
                <button key={n} type="button" className="chip" aria-pressed={chosen} onClick={() => onChange(preset)}>
                  Last {n} weeks
                </button>
              );
            })}
          </div>
          <div className="date-range__inputs">
            <div className="field">
              <label htmlFor={startId}>Start week</label>
              <input
                id={startId}
                type="date"
                value={value.start}
                max={latestStart}
                aria-invalid={problem !== null}
                aria-describedby={problem ? errorId : undefined}
                onChange={(e) => setStart(e.target.value)}
              />
              <span className="field__hint">{formatWeek(value.start)}</span>
            </div>
            <div className="field">
              <label htmlFor={endId}>End week</label>
              <input
                id={endId}
                type="date"
                value={value.end}
                min={value.start}
                aria-invalid={problem !== null}
                aria-describedby={problem ? errorId : undefined}
                onChange={(e) => setEnd(e.target.value)}
              />
              <span className="field__hint">{formatWeek(weekStartOf(value.end, weekStartsOn), value.end)}</span>
            </div>
          </div>
          <p className="muted small">
            Weeks start on {weekStartsOn === 'MONDAY' ? 'Monday' : 'Sunday'}; any day you pick selects its whole week.
            {changed && !problem && ' Press Update to apply.'}
          </p>
          {!problem && progress?.state === 'in-progress' && (
            <p className="date-range__progress small" data-testid="date-range-progress">
              This range is still under way: its figures run through today, {formatDay(today)}, and its change against the weeks before
              shows once it is over.
            </p>
          )}
          {problem && (
            <p id={errorId} className="field__error" role="alert">
              {problem}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
