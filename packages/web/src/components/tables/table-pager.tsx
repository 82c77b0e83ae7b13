import { formatCount } from '../../format/numbers';

/** "1–25 of 4,142" with Previous / Next for a cursor-paged list. */
export function TablePager({
  pageIndex,
  pageSize,
  shown,
  totalCount,
  hasNextPage,
  onPrevious,
  onNext,
  busy,
  noun,
}: {
  pageIndex: number;
  pageSize: number;
  shown: number;
  totalCount: number;
  hasNextPage: boolean;
  onPrevious: () => void;
  onNext: () => void;
  busy: boolean;
  noun: string;
}) {
  const first = totalCount === 0 ? 0 : pageIndex * pageSize + 1;
  const last = pageIndex * pageSize + shown;
  return (
    <nav className="pager" aria-label={`Pages of ${noun}`}>
      <p className="pager__status" aria-live="polite">
        {totalCount === 0 ? `No ${noun}` : `${formatCount(first)}–${formatCount(last)} of ${formatCount(totalCount)} ${noun}`}
        {busy && <span className="pager__busy"> · Loading…</span>}
      </p>
      <div className="pager__buttons">
        <button type="button" className="button" onClick={onPrevious} disabled={pageIndex === 0 || busy}>
          ← Previous
        </button>
        <button type="button" className="button" onClick={onNext} disabled={!hasNextPage || busy}>
          Next →
        </button>
      </div>
    </nav>
  );
}
