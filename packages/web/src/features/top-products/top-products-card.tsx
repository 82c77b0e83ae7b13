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
    previousRank
    previousUnitsSold
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

/**
 * How far a product moved since the previous period: "New" (it sold nothing then), "▲ 3" / "▼ 2"
 * ranks, "—" unchanged.
 */
export function rankChange(p: { rank: number; previousRank?: number | null }): { kind: 'new' | 'up' | 'down' | 'same'; places: number; text: string } {
  if (p.previousRank === null || p.previousRank === undefined) return { kind: 'new', places: 0, text: 'New' };
  const places = p.previousRank - p.rank;
  if (places > 0) return { kind: 'up', places, text: `▲ ${formatCount(places)}` };
  if (places < 0) return { kind: 'down', places: -places, text: `▼ ${formatCount(-places)}` };
  return { kind: 'same', places: 0, text: '—' };
}

/** Sorting by change puts new products first, then the biggest climbers, the biggest drops last. */
function rankChangeSortValue(p: Product): number {
  const change = rankChange(p);
  if (change.kind === 'new') return Number.MAX_SAFE_INTEGER;
  return change.kind === 'down' ? -change.places : change.places;
}

/** The change in words: "Up 3 places from #5 (12 sold) in the previous period". */
function rankChangeDescription(p: Product): string {
  const change = rankChange(p);
  const places = `${formatCount(change.places)} ${change.places === 1 ? 'place' : 'places'}`;
  const before = `#${formatCount(p.previousRank ?? 0)} (${formatCount(p.previousUnitsSold)} sold) in the previous period`;
  switch (change.kind) {
    case 'new':
      return 'New: no sales in the previous period';
    case 'up':
      return `Up ${places} from ${before}`;
    case 'down':
      return `Down ${places} from ${before}`;
    case 'same':
      return `Same rank as in the previous period (${formatCount(p.previousUnitsSold)} sold)`;
  }
}

function RankChange({ product }: { product: Product }) {
  const change = rankChange(product);
  const description = rankChangeDescription(product);
  return (
    <span className={`rank-change rank-change--${change.kind}`} role="img" title={description} aria-label={description} data-kind={change.kind}>
      {change.text}
    </span>
  );
}

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
  { id: 'change', header: 'Change', cell: (p) => <RankChange product={p} />, sortValue: rankChangeSortValue, align: 'end', size: 110, sortDescFirst: true },
];

const csvRow = (p: Product): TopProductCsvRow => ({
  rank: p.rank,
  name: p.product.name,
  sku: p.product.sku,
  unitsSold: p.unitsSold,
  totalSalesCents: p.totalSales.cents,
  previousRank: p.previousRank ?? null,
  previousUnitsSold: p.previousUnitsSold,
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
      help="Your best sellers on TikTok in the range, and how far each moved since the weeks before (▲ climbing, ▼ slipping, New for a first sale). Restock the climbers before your next live, feature them at the start of the show, and pair slipping pieces with a best seller in a bundle."
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
