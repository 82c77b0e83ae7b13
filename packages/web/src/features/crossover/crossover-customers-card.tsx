import { useApolloClient } from '@apollo/client/react';
import { CROSSOVER_CUSTOMERS_CSV, type CrossoverCustomerCsvRow } from '@tiktok-insights/shared';
import { useMemo, useRef } from 'react';
import { DataSetCard } from '../../components/cards/data-set-card';
import { DataTable, type DataColumn, type DataTableHandle } from '../../components/tables/data-table';
import { TablePager } from '../../components/tables/table-pager';
import { useCursorPages } from '../../components/tables/use-cursor-pages';
import { downloadCsvTable, downloadServerCsv } from '../../csv/download-file';
import { formatDateInZone } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { CrossoverCustomersCard_CrossoverFragment } from '../../gql/graphql';
import { useAccount } from '../../auth/account-context';
import { formatAddress } from '../marketing/customer-columns';
import { useShopFacts } from '../shop-context';

export const CROSSOVER_PAGE_SIZE = 25;

/** The crossover list's page; the page query brings the first, the card's own query the next. */
export const CrossoverCustomersCardFragment = graphql(`
  fragment CrossoverCustomersCard_crossover on CrossoverInsights {
    customers(first: $crossoverFirst, after: $crossoverAfter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          firstTikTokOrderAt
          firstCrossoverOrderAt
          nonTikTokOrders
          nonTikTokNetReceipts {
            cents
            currency
            formatted
          }
          customer {
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
          }
        }
      }
    }
  }
`);

export const CrossoverCustomersPageQuery = graphql(`
  query CrossoverCustomersPage($asOf: Date!, $crossoverFirst: Int!, $crossoverAfter: String) {
    shop {
      id
      tiktokInsights(asOf: $asOf) {
        crossover {
          ...CrossoverCustomersCard_crossover
        }
      }
    }
  }
`);

export const RefreshCrossoverCustomersQuery = graphql(`
  query RefreshCrossoverCustomers($crossoverFirst: Int = 25, $crossoverAfter: String) {
    shop {
      id
      tiktokInsights {
        crossover {
          ...CrossoverCustomersCard_crossover
        }
      }
    }
  }
`);

type Row = CrossoverCustomersCard_CrossoverFragment['customers']['edges'][number]['node'];

function columnsFor(timezone: string): DataColumn<Row>[] {
  return [
    { id: 'tiktokCustomerId', header: 'TikTok customer ID', cell: (r) => <code>{r.customer.tiktokCustomerId}</code>, size: 165, enableSorting: false },
    { id: 'name', header: 'Name', cell: (r) => r.customer.name, size: 140, grow: 1, enableSorting: false },
    { id: 'address', header: 'Address', cell: (r) => formatAddress(r.customer.address), size: 200, grow: 2, enableSorting: false },
    { id: 'firstTikTok', header: 'First TikTok order', cell: (r) => formatDateInZone(r.firstTikTokOrderAt, timezone), size: 130, enableSorting: false },
    { id: 'crossover', header: 'Crossover date', cell: (r) => formatDateInZone(r.firstCrossoverOrderAt, timezone), size: 130, enableSorting: false },
    { id: 'storeOrders', header: 'Store orders', cell: (r) => formatCount(r.nonTikTokOrders), align: 'end', size: 95, enableSorting: false },
    { id: 'storeNet', header: 'Store net receipts', cell: (r) => r.nonTikTokNetReceipts.formatted, align: 'end', size: 110, enableSorting: false },
  ];
}

function csvRow(row: Row): CrossoverCustomerCsvRow {
  return {
    tiktokCustomerId: row.customer.tiktokCustomerId,
    name: row.customer.name,
    address: row.customer.address,
    firstTikTokOrderAt: row.firstTikTokOrderAt,
    firstCrossoverOrderAt: row.firstCrossoverOrderAt,
    storeOrders: row.nonTikTokOrders,
    storeNetReceiptsCents: row.nonTikTokNetReceipts.cents,
  };
}

export function CrossoverCustomersCard({ crossover }: { crossover: FragmentType<typeof CrossoverCustomersCardFragment> }) {
  const card = getFragmentData(CrossoverCustomersCardFragment, crossover);
  const { timezone, asOf } = useShopFacts();
  const { sessionEnded } = useAccount();
  const client = useApolloClient();
  const table = useRef<DataTableHandle<Row> | null>(null);
  const pages = useCursorPages({
    query: CrossoverCustomersPageQuery,
    variables: (after) => ({ asOf, crossoverFirst: CROSSOVER_PAGE_SIZE, crossoverAfter: after }),
    connectionOf: (data) => {
      const crossover = data.shop.tiktokInsights?.crossover;
      return crossover ? getFragmentData(CrossoverCustomersCardFragment, crossover).customers : null;
    },
    firstPage: card.customers,
    refreshFirstPage: () => client.query({ query: RefreshCrossoverCustomersQuery, fetchPolicy: 'network-only' }),
  });
  const { connection, pageIndex } = pages;
  const rows = useMemo(() => connection?.edges.map((e) => e.node) ?? [], [connection]);
  const columns = useMemo(() => columnsFor(timezone), [timezone]);
  const download = async (scope: 'shown' | 'all') => {
    if (scope === 'all') {
      await downloadServerCsv(`/api/exports/crossover-customers.csv?${new URLSearchParams({ asOf })}`, `crossover-customers-${asOf}.csv`, {
        onSessionRefused: sessionEnded,
      });
      return;
    }
    const records = (table.current?.rowsShown() ?? rows).map((row) => ({ row: csvRow(row), currency: row.nonTikTokNetReceipts.currency }));
    downloadCsvTable(`crossover-customers-page-${pageIndex + 1}-${asOf}.csv`, CROSSOVER_CUSTOMERS_CSV, records, timezone);
  };

  return (
    <DataSetCard
      slug="crossover-customers"
      title="Crossover customers"
      subtitle={connection ? `${formatCount(connection.totalCount)} customers · latest crossover first` : 'Latest crossover first'}
      size="full"
      help="The TikTok buyers who went on to order in your own store, newest first. Invite them to your loyalty program or VIP list: they already trust both your lives and your shop."
      table={table}
      onRefresh={pages.refresh}
      busy={pages.busy}
      error={pages.error}
      onRetry={pages.retry}
      download={download}
      downloadNote="All results downloads every crossover customer from the server."
    >
      <DataTable
        ref={table}
        columns={columns}
        data={rows}
        getRowId={(r) => r.customer.id}
        caption="Crossover customers"
        emptyText="No crossover customers yet. They appear when a TikTok buyer orders in your own store."
      />
      {connection && (
        <TablePager
          noun="customers"
          pageIndex={pageIndex}
          pageSize={CROSSOVER_PAGE_SIZE}
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
