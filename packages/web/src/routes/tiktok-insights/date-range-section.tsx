import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import { isBadUserInput } from '../../apollo/error-codes';
import { DateRangeField, rangeProblem, type WeekRange } from '../../components/date-range/date-range-field';
import { ErrorState } from '../../components/states/error-state';
import type { WeekStart } from '@tiktok-insights/shared';
import { RangeDataSetsQuery } from './tiktok-insights-query';

/**
 * The date range picker with its Update button, and the notice when the address held a range that
 * cannot be shown. Update fetches only the range's data sets, then puts the range in the address:
 * the page query then finds everything in the cache.
 */
export function DateRangeSection({
  weekStartsOn,
  today,
  applied,
  notice,
  setRange,
  applying,
  onApplyingChange,
}: {
  weekStartsOn: WeekStart;
  today: string;
  /** The range the page shows. */
  applied: WeekRange;
  notice: string | null;
  setRange: (range: WeekRange | null, options?: { replace?: boolean }) => void;
  applying: boolean;
  onApplyingChange: (applying: boolean) => void;
}) {
  const client = useApolloClient();
  const [draft, setDraft] = useState<WeekRange | null>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [applyError, setApplyError] = useState<unknown>(null);

  const value = draft ?? applied;
  const changed = value.start !== applied.start || value.end !== applied.end;
  const problem = rangeProblem(value, today, weekStartsOn);

  const update = async () => {
    if (problem) return;
    setPickerOpen(false);
    if (!changed) return;
    onApplyingChange(true);
    setApplyError(null);
    try {
      await client.query({ query: RangeDataSetsQuery, variables: { from: value.start, to: value.end }, fetchPolicy: 'network-only' });
      setRange(value);
      setDraft(null);
    } catch (e) {
      setApplyError(e);
    } finally {
      onApplyingChange(false);
    }
  };

  return (
    <>
      <div className="toolbar">
        <DateRangeField
          weekStartsOn={weekStartsOn}
          today={today}
          value={value}
          onChange={setDraft}
          changed={changed}
          open={pickerOpen}
          onOpenChange={setPickerOpen}
        />
        <button
          type="button"
          className="button button--primary toolbar__update"
          data-testid="date-range-update"
          onClick={() => void update()}
          disabled={applying || problem !== null}
          aria-describedby="range-hint"
        >
          {applying ? 'Updating…' : 'Update'}
        </button>
        <span id="range-hint" className="visually-hidden">
          Applies the date range to the date-range data sets
        </span>
      </div>
      {applyError != null && <ErrorState error={applyError} compact onRetry={isBadUserInput(applyError) ? undefined : () => void update()} />}
      {notice && (
        <div className="notice notice--range" role="status" data-testid="range-notice">
          <p>{notice}</p>
          <button type="button" className="button" onClick={() => setRange(null, { replace: true })}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
