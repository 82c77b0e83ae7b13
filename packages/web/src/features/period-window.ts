import type { TypedDocumentNode } from '@apollo/client';
import { useRefreshQuery } from '../apollo/use-refresh-query';

type RangeVariables = { from?: string | null; to?: string | null };

/** The window a period card shows: the last 7 days, or the weeks the seller chose (as the address names them). */
export type PeriodWindow = { field: 'last7Days' } | { field: 'dateRange'; from: string | null; to: string | null };

/** A period card's refresh queries, one per window, each spreading the card's fragment. */
export interface PeriodRefreshQueries {
  last7Days: TypedDocumentNode<unknown, Record<string, never>>;
  dateRange: TypedDocumentNode<unknown, RangeVariables>;
}

/** Clear cache & refresh of a period card: its own fragment, for the window it shows. */
export function usePeriodRefresh(queries: PeriodRefreshQueries, window: PeriodWindow) {
  const refreshLast7Days = useRefreshQuery(queries.last7Days);
  const refreshRange = useRefreshQuery(queries.dateRange, window.field === 'dateRange' ? { from: window.from, to: window.to } : {});
  return window.field === 'last7Days' ? refreshLast7Days : refreshRange;
}
