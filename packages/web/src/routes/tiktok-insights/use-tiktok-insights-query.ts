import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { isBadUserInput } from '../../apollo/error-codes';
import { useCaller } from '../../auth/caller-context';
import { errorMessage } from '../../components/states/error-state';
import { TikTokInsightsPageQuery } from './tiktok-insights-query';
import { rangeNotice, useRangeParams } from './use-range-params';

interface RefusedRange {
  from: string | null;
  to: string | null;
  notice: string;
}

/**
 * The page query for the range in the address. A range the API refuses (e.g. over 520 weeks) is
 * not retried: the default range is asked for instead, and `notice` says why.
 */
export function useTikTokInsightsQuery() {
  const params = useRangeParams();
  const { canSeeCustomers } = useCaller();
  const [refused, setRefused] = useState<RefusedRange | null>(null);
  const rangeRefused = refused !== null && refused.from === params.from && refused.to === params.to;
  const from = rangeRefused ? null : params.from;
  const to = rangeRefused ? null : params.to;
  const { data, previousData, loading, error, refetch } = useQuery(TikTokInsightsPageQuery, { variables: { from, to, withCustomers: canSeeCustomers } });

  if (!rangeRefused && (from || to) && !loading && isBadUserInput(error)) {
    setRefused({ from, to, notice: rangeNotice(errorMessage(error)) });
  }

  return {
    /** The answer shown: the latest, or the previous one while a new range loads. */
    shown: data ?? previousData,
    /** A new range is loading while the previous one is shown. */
    reloading: loading && !!previousData,
    loading,
    error,
    refetch,
    /** The range asked for (null: the default 6 weeks), as "All results" and the refreshes ask for it again. */
    range: { from, to },
    notice: params.notice ?? (rangeRefused ? refused.notice : null),
    setRange: params.setRange,
  };
}

export type TikTokInsightsQuery = ReturnType<typeof useTikTokInsightsQuery>;
