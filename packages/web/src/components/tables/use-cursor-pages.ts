import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { skipToken, useQuery } from '@apollo/client/react';
import { useState } from 'react';

/** What paging needs of a connection. */
export interface CursorConnection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** useQuery with its options spelled out: its rest-argument form does not accept generic variables. */
const usePageQuery = useQuery as <TData, TVariables extends OperationVariables>(
  query: TypedDocumentNode<TData, TVariables>,
  options: typeof skipToken | useQuery.Options<TData, TVariables>,
) => useQuery.Result<TData, TVariables>;

/**
 * A long list shown a page at a time (Previous / Next), paged with the connection's end cursors.
 * The first page can come with another query (the page's): it is then not asked for again. Every
 * other page is `query`'s answer for its cursor; the cache keeps it, so Previous shows a page
 * already seen without a request.
 */
export function useCursorPages<TData, TVariables extends OperationVariables, C extends CursorConnection>({
  query,
  variables,
  connectionOf,
  firstPage,
  refreshFirstPage,
}: {
  query: TypedDocumentNode<TData, TVariables>;
  /** The variables of the page that starts after `after` (null: the first page). */
  variables: (after: string | null) => TVariables;
  /** The connection in `query`'s answer. */
  connectionOf: (data: TData) => C | null | undefined;
  /** The first page when another query brought it, else null (the first page is then `query`'s too). */
  firstPage: C | null;
  /** Clear cache & refresh of `firstPage`, which is not `query`'s. */
  refreshFirstPage: () => Promise<unknown>;
}) {
  // The cursor each page starts after: page i is asked for with afters[i].
  const [afters, setAfters] = useState<(string | null)[]>([null]);
  const [pageIndex, setPageIndex] = useState(0);
  const preloaded = pageIndex === 0 && firstPage !== null;
  const page = usePageQuery(query, preloaded ? skipToken : { variables: variables(afters[pageIndex] ?? null), notifyOnNetworkStatusChange: true });
  // Without returnPartialData an answer is whole.
  const answer = page.data ?? page.previousData;
  const connection = preloaded ? firstPage : answer ? (connectionOf(answer as TData) ?? null) : null;
  const busy = !preloaded && page.loading;

  return {
    connection,
    pageIndex,
    busy,
    error: !preloaded && !page.data && !page.loading ? page.error : undefined,
    next: () => {
      const cursor = connection?.pageInfo.endCursor;
      if (!cursor) return;
      setAfters((list) => [...list.slice(0, pageIndex + 1), cursor]);
      setPageIndex((i) => i + 1);
    },
    previous: () => setPageIndex((i) => Math.max(0, i - 1)),
    /** Back to the first page, e.g. when the order changes. */
    reset: () => {
      setAfters([null]);
      setPageIndex(0);
    },
    refresh: () => (preloaded ? refreshFirstPage() : page.refetch()),
    retry: () => void page.refetch(),
  };
}
