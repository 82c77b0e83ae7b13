import { compareDays, parseIsoDay } from '@tiktok-insights/shared';
import { useSearchParams } from 'react-router';
import { formatDayWithYear } from '../../format/dates';

type ParsedDay = { day: string | null; problem: string | null };

function parseDay(value: string | null): ParsedDay {
  if (!value) return { day: null, problem: null };
  try {
    return { day: parseIsoDay(value), problem: null };
  } catch {
    return { day: null, problem: `“${value}” is not a date (YYYY-MM-DD)` };
  }
}

/** The sentence shown when the address holds a range that cannot be shown. */
export function rangeNotice(reason: string): string {
  return `The date range in this address can’t be shown: ${reason}. Showing the default range (the last 6 full weeks) instead.`;
}

/** The range an address's parameters name (both null: the default), or the problem that voids it. */
export function rangeOfParams(params: URLSearchParams): { from: string | null; to: string | null; problem: string | null } {
  const from = parseDay(params.get('from'));
  const to = parseDay(params.get('to'));
  let problem = from.problem ?? to.problem;
  if (!problem && from.day && to.day && compareDays(to.day, from.day) < 0) {
    problem = `it ends on ${formatDayWithYear(to.day)}, before it starts on ${formatDayWithYear(from.day)}`;
  }
  return problem ? { from: null, to: null, problem } : { from: from.day, to: to.day, problem: null };
}

/**
 * The range in the address (`?from=YYYY-MM-DD&to=YYYY-MM-DD`); absent means the default 6 weeks.
 * A range that is not a pair of dates, or ends before it starts, is not used: the page shows the
 * default range with `notice` saying why, rather than something the seller did not ask for.
 */
export function useRangeParams() {
  const [params, setParams] = useSearchParams();
  const { from, to, problem } = rangeOfParams(params);
  const setRange = (range: { start: string; end: string } | null, { replace = false }: { replace?: boolean } = {}) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        if (range) {
          next.set('from', range.start);
          next.set('to', range.end);
        } else {
          next.delete('from');
          next.delete('to');
        }
        return next;
      },
      { replace },
    );
  return {
    from,
    to,
    /** Whether the address names a range at all (valid or not). */
    inAddress: params.has('from') || params.has('to'),
    notice: problem ? rangeNotice(problem) : null,
    setRange,
  };
}
