import { skipToken, useApolloClient, useQuery } from '@apollo/client/react';
import { TOP_PRODUCTS_CSV, type TopProductCsvRow } from '@tiktok-insights/shared';
import { useMemo, useRef, useState } from 'react';
import { DataSetCard } from '../../components/cards/data-set-card';
import { DataTable, type DataColumn, type DataTableHandle, type SortingState } from '../../components/tables/data-table';
import { downloadCsvTable } from '../../csv/download-file';
import { formatDayRange } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { TopProductOrder, TopProductsCard_PeriodFragment } from '../../gql/graphql';
import { useShopFacts } from '../shop-context';
import { useRefreshQuery } from '../../apollo/use-refresh-query';
import { RefreshTopProductsQuery } from './top-products-card.query';

export const TopProductsCardFragment = graphql(`
  fragment TopProductsCard_period on PeriodInsights {
    start
    end
    topProducts(first: 10) {
      ...TopProductsCard_product
    }
  }
`);

export const TopProductFragment = graphql(`
  fragment TopProductsCard_product on TopProduct {
    rank
    unitsSold
    totalSales {
      cents
      currency
      formatted
    }
    product {
      id
      name
      sku
    }
  }
`);

/** The top 10 of the range by another measure than units sold, chosen by the server. */
export const TopProductsByOrderQuery = graphql(`
  query TopProductsByOrder($from: Date, $to: Date, $orderBy: TopProductOrder!) {
    shop {
      id
      tiktokInsights {
        dateRange(from: $from, to: $to) {
          start
          end
          topProducts(first: 10, orderBy: $orderBy) {
            ...TopProductsCard_product
          }
        }
      }
    }
  }
`);

/** "All results": every ranked product of the range (up to the API's 500), in the card's order. */
export const TopProductsAllQuery = graphql(`
  query TopProductsAll($from: Date, $to: Date, $orderBy: TopProductOrder) {
    shop {
      id
      tiktokInsights {
        dateRange(from: $from, to: $to) {
          topProducts(first: 500, orderBy: $orderBy) {
            ...TopProductsCard_product
          }
        }
      }
    }
  }
`);

/** Headers that rank on the server: clicking one asks for the top 10 by that measure. */
const SERVER_ORDERS: Record<string, TopProductOrder> = { unitsSold: 'UNITS_SOLD', totalSales: 'TOTAL_SALES' };

type Product = ReturnType<typeof unmaskProduct>;
const unmaskProduct = (ref: FragmentType<typeof TopProductFragment>) => getFragmentData(TopProductFragment, ref);

const columns: DataColumn<Product>[] = [
  { id: 'rank', header: 'Rank', cell: (p) => p.rank, sortValue: (p) => p.rank, align: 'end', size: 80 },
  {
    id: 'product',
    header: 'Product',
    cell: (p) => (
      <>
        {p.product.name}
        {p.product.sku && <span className="muted small"> · {p.product.sku}</span>}
      </>
    ),
    sortValue: (p) => p.product.name.toLowerCase(),
    size: 240,
    grow: 1,
  },
  { id: 'unitsSold', header: 'Number sold', cell: (p) => formatCount(p.unitsSold), sortValue: (p) => p.unitsSold, align: 'end', size: 105, sortDescFirst: true },
  { id: 'totalSales', header: 'Total sales', cell: (p) => p.totalSales.formatted, sortValue: (p) => p.totalSales.cents, align: 'end', size: 115, sortDescFirst: true },
];

const csvRow = (p: Product): TopProductCsvRow => ({
  rank: p.rank,
  name: p.product.name,
  sku: p.product.sku,
  unitsSold: p.unitsSold,
  totalSalesCents: p.totalSales.cents,
});

export function TopProductsCard({
  period: periodRef,
  range,
  busy,
}: {
  period: FragmentType<typeof TopProductsCardFragment>;
  /** The range as the page asked for it (URL), for "All results". */
  range: { from: string | null; to: string | null };
  busy?: boolean;
}) {
  const period: TopProductsCard_PeriodFragment = getFragmentData(TopProductsCardFragment, periodRef);
  const { timezone } = useShopFacts();
  const client = useApolloClient();
  const refreshTopByUnits = useRefreshQuery(RefreshTopProductsQuery, range);
  const table = useRef<DataTableHandle<Product> | null>(null);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [orderBy, setOrderBy] = useState<TopProductOrder>('UNITS_SOLD');
  // The page's query brings the top 10 by units; another order is the card's own query. The rows
  // shown are then sorted in the browser by the clicked column, which keeps the server's order.
  const byOrder = useQuery(
    TopProductsByOrderQuery,
    orderBy === 'UNITS_SOLD' ? skipToken : { variables: { ...range, orderBy }, notifyOnNetworkStatusChange: true },
  );
  const ordered = (byOrder.data ?? byOrder.previousData)?.shop.tiktokInsights?.dateRange.topProducts;
  const listed = orderBy === 'UNITS_SOLD' ? period.topProducts : ordered;
  const products = useMemo(() => (listed ?? []).map(unmaskProduct), [listed]);

  const onSortingChange = (next: SortingState) => {
    setSorting(next);
    const order = next[0] && SERVER_ORDERS[next[0].id];
    if (order) setOrderBy(order);
  };

  const download = async (scope: 'shown' | 'all') => {
    let rows: Product[] = table.current?.rowsShown() ?? products;
    if (scope === 'all') {
      const { data } = await client.query({ query: TopProductsAllQuery, variables: { ...range, orderBy }, fetchPolicy: 'network-only' });
      rows = (data?.shop.tiktokInsights?.dateRange.topProducts ?? []).map(unmaskProduct);
    }
    const records = rows.map((p) => ({ row: csvRow(p), currency: p.totalSales.currency }));
    downloadCsvTable(`tiktok-top-products-${period.start}-to-${period.end}.csv`, TOP_PRODUCTS_CSV, records, timezone);
  };

  return (
    <DataSetCard
      slug="top-products"
      size="full"
      title="Top selling TikTok products"
      subtitle={`By ${orderBy === 'TOTAL_SALES' ? 'total sales' : 'number sold'}, ${formatDayRange(period.start, period.end)}`}
      help="Your best sellers on TikTok in the range. Restock them before your next live, feature them at the start of the show, and pair them with slower items in bundles."
      table={table}
      onRefresh={orderBy === 'UNITS_SOLD' ? refreshTopByUnits : () => byOrder.refetch()}
      busy={busy || byOrder.loading}
      error={orderBy !== 'UNITS_SOLD' && !ordered && !byOrder.loading ? byOrder.error : undefined}
      onRetry={() => void byOrder.refetch()}
      download={download}
      downloadNote="All results downloads every ranked product of the range (up to 500)."
    >
      <DataTable
        ref={table}
        columns={columns}
        data={products}
        getRowId={(p) => p.product.id}
        caption="Top selling TikTok products"
        emptyText="No TikTok products sold in this range yet."
        sorting={sorting}
        onSortingChange={onSortingChange}
      />
    </DataSetCard>
  );
}
