import { compareDays, parseIsoDay } from '@tiktok-insights/shared';
import { useSearchParams } from 'react-router';

function validDay(value: string | null): string | null {
  if (!value) return null;
  try {
    return parseIsoDay(value);
  } catch {
    return null;
  }
}

/** The range in the address (`?from=YYYY-MM-DD&to=YYYY-MM-DD`); absent means the default 6 weeks. */
export function useRangeParams() {
  const [params, setParams] = useSearchParams();
  let from = validDay(params.get('from'));
  let to = validDay(params.get('to'));
  if (from && to && compareDays(to, from) < 0) {
    from = null;
    to = null;
  }
  const setRange = (range: { start: string; end: string } | null) =>
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
      { replace: false },
    );
  return { from, to, setRange };
}
