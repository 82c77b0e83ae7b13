import { useApolloClient } from '@apollo/client/react';
import { MARKETING_CUSTOMERS_CSV } from '@tiktok-insights/shared';
import { useMemo, useRef, useState } from 'react';
import { DataSetCard } from '../../components/cards/data-set-card';
import { DataTable, type DataTableHandle, type SortingState } from '../../components/tables/data-table';
import { TablePager } from '../../components/tables/table-pager';
import { useCursorPages } from '../../components/tables/use-cursor-pages';
import { downloadCsvTable, downloadServerCsv } from '../../csv/download-file';
import { formatCount } from '../../format/numbers';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { CustomerOrderField, OrderDirection } from '../../gql/graphql';
import { useAccount } from '../../auth/account-context';
import { useShopFacts } from '../shop-context';
import { customerColumns, marketingCustomerCsvRow, type CustomerRow } from './customer-columns';

/** Page size of the marketing list; the first page comes with the page's query. */
export const CUSTOMERS_PAGE_SIZE = 25;

/**
 * The marketing list's page: the page query asks for the first page (default order), the card's
 * own query for later pages and other orders, with the same fragment and variables.
 */
export const MarketingCustomersCardFragment = graphql(`
  fragment MarketingCustomersCard_insights on TikTokInsights {
    asOf
    customers(first: $customersFirst, after: $customersAfter, orderBy: $customersOrderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          tiktokCustomerId
          name
          address {
            line1
            line2
            city
            region
            postalCode
            country
          }
          orders
          netReceipts {
            cents
            currency
            formatted
          }
          firstOrderAt
          lastOrderAt
        }
      }
    }
  }
`);

export const MarketingCustomersPageQuery = graphql(`
  query MarketingCustomersPage($asOf: Date!, $customersFirst: Int!, $customersAfter: String, $customersOrderBy: CustomerOrder!) {
    shop {
      id
      tiktokInsights(asOf: $asOf) {
        ...MarketingCustomersCard_insights
      }
    }
  }
`);

export const RefreshMarketingCustomersQuery = graphql(`
  query RefreshMarketingCustomers(
    $customersFirst: Int = 25
    $customersAfter: String
    $customersOrderBy: CustomerOrder = { field: NET_RECEIPTS, direction: DESC }
  ) {
    shop {
      id
      tiktokInsights {
        ...MarketingCustomersCard_insights
      }
    }
  }
`);

const SORT_FIELDS: Record<string, CustomerOrderField> = {
  name: 'NAME',
  orders: 'ORDERS',
  netReceipts: 'NET_RECEIPTS',
  firstOrderAt: 'FIRST_ORDER_AT',
  lastOrderAt: 'LAST_ORDER_AT',
};
const DEFAULT_SORTING: SortingState = [{ id: 'netReceipts', desc: true }];

function orderByOf(sorting: SortingState): { field: CustomerOrderField; direction: OrderDirection } {
  const first = sorting[0] ?? DEFAULT_SORTING[0]!;
  return { field: SORT_FIELDS[first.id] ?? 'NET_RECEIPTS', direction: first.desc ? 'DESC' : 'ASC' };
}

const pick = (row: CustomerRow) => row;

export function MarketingCustomersCard({ insights }: { insights: FragmentType<typeof MarketingCustomersCardFragment> }) {
  const card = getFragmentData(MarketingCustomersCardFragment, insights);
  const { timezone } = useShopFacts();
  const { sessionEnded } = useAccount();
  const client = useApolloClient();
  const table = useRef<DataTableHandle<CustomerRow> | null>(null);
  const [sorting, setSorting] = useState<SortingState>(DEFAULT_SORTING);

  const orderBy = orderByOf(sorting);
  const defaultOrder = orderBy.field === 'NET_RECEIPTS' && orderBy.direction === 'DESC';
  const pages = useCursorPages({
    query: MarketingCustomersPageQuery,
    variables: (after) => ({ asOf: card.asOf, customersFirst: CUSTOMERS_PAGE_SIZE, customersAfter: after, customersOrderBy: orderBy }),
    connectionOf: (data) => {
      const insights = data.shop.tiktokInsights;
      return insights ? getFragmentData(MarketingCustomersCardFragment, insights).customers : null;
    },
    // The page's query brings the first page in the default order.
    firstPage: defaultOrder ? card.customers : null,
    refreshFirstPage: () => client.query({ query: RefreshMarketingCustomersQuery, fetchPolicy: 'network-only' }),
  });
  const { connection, pageIndex } = pages;
  const rows = useMemo(() => connection?.edges.map((e) => e.node) ?? [], [connection]);
  const columns = useMemo(() => customerColumns(pick, timezone), [timezone]);

  const onSortingChange = (next: SortingState) => {
    setSorting(next);
    pages.reset();
  };

  const download = async (scope: 'shown' | 'all') => {
    if (scope === 'all') {
      const params = new URLSearchParams({ asOf: card.asOf, orderBy: orderBy.field, direction: orderBy.direction });
      await downloadServerCsv(`/api/exports/tiktok-customers.csv?${params}`, `tiktok-customers-${card.asOf}.csv`, { onSessionRefused: sessionEnded });
      return;
    }
    downloadCsvTable(
      `tiktok-customers-page-${pageIndex + 1}-${card.asOf}.csv`,
      MARKETING_CUSTOMERS_CSV,
      (table.current?.rowsShown() ?? rows).map((row) => ({ row: marketingCustomerCsvRow(row), currency: row.netReceipts.currency })),
      timezone,
    );
  };

  return (
    <DataSetCard
      slug="marketing-customers"
      title="All-time TikTok customers"
      subtitle={connection ? `${formatCount(connection.totalCount)} customers · your marketing list` : 'Your marketing list'}
      size="full"
      help="Everyone who has bought from you on TikTok, with where they live and what they spent. Sort by net receipts to find your VIPs for a thank-you card, or by last order to win back buyers who have gone quiet."
      table={table}
      onRefresh={pages.refresh}
      busy={pages.busy}
      error={pages.error}
      onRetry={pages.retry}
      download={download}
      downloadNote="All results downloads the whole list, in this order, from the server."
    >
      <DataTable
        ref={table}
        columns={columns}
        data={rows}
        getRowId={(r) => r.id}
        caption="All-time TikTok customers"
        emptyText="No TikTok customers yet. They appear here after their first order."
        sorting={sorting}
        onSortingChange={onSortingChange}
        manualSorting
      />
      {connection && (
        <TablePager
          noun="customers"
          pageIndex={pageIndex}
          pageSize={CUSTOMERS_PAGE_SIZE}
          shown={rows.length}
          totalCount={connection.totalCount}
          hasNextPage={connection.pageInfo.hasNextPage}
          busy={pages.busy}
          onPrevious={pages.previous}
          onNext={pages.next}
        />
      )}
    </DataSetCard>
  );
}
