import { addDays, compareDays, isWeekStart, weekStartOf } from '@tiktok-insights/shared';
import type { ShopScope } from '../../platform/database/shop-scope.js';

/** What ranks the products: units sold (the spec's order, the default) or total sales. */
export type TopProductOrder = 'UNITS_SOLD' | 'TOTAL_SALES';

export interface TopProductsRequest {
  start: string;
  end: string;
  /** The previous period, whose units and ranks each product is compared with (end < start: none). */
  previousStart: string;
  previousEnd: string;
  first: number;
  orderBy: TopProductOrder;
}

export interface TopProductRow {
  rank: number;
  productId: number;
  unitsSold: number;
  totalSalesCents: number;
  previousUnitsSold: number;
  previousRank: number | null;
}

/**
 * A window of days as the product summaries cover it: its whole Monday-to-Sunday weeks from the
 * weekly summary, and the days before and after them from the daily one. Empty parts are ranges
 * that end before they start; a window with no whole week is all days.
 */
export interface SummaryRanges {
  headStart: string;
  headEnd: string;
  weekFirst: string;
  weekLast: string;
  tailStart: string;
  tailEnd: string;
}

export function summaryRanges(start: string, end: string): SummaryRanges {
  const firstMonday = isWeekStart(start, 'MONDAY') ? start : addDays(weekStartOf(start, 'MONDAY'), 7);
  const lastMonday = weekStartOf(addDays(end, -6), 'MONDAY');
  if (compareDays(firstMonday, lastMonday) > 0) {
    return { headStart: start, headEnd: end, weekFirst: firstMonday, weekLast: addDays(firstMonday, -7), tailStart: addDays(end, 1), tailEnd: end };
  }
  return {
    headStart: start,
    headEnd: addDays(firstMonday, -1),
    weekFirst: firstMonday,
    weekLast: lastMonday,
    tailStart: addDays(lastMonday, 7),
    tailEnd: end,
  };
}

const RANGE_FIELDS = ['headStart', 'headEnd', 'weekFirst', 'weekLast', 'tailStart', 'tailEnd'] as const;

/**
 * The products sold in a window (the request row `w`'s columns named `${window}_head_start` …,
 * see SummaryRanges), summed per product first (only the sums meet the product table, whose
 * names break ties), with their rank in the request's order.
 */
const rankedProducts = (window: string) => `
  SELECT a.product_id, a.units_sold, a.total_sales,
         row_number() OVER (ORDER BY CASE WHEN w.order_by = 'TOTAL_SALES' THEN a.total_sales ELSE a.units_sold END DESC,
                                     CASE WHEN w.order_by = 'TOTAL_SALES' THEN a.units_sold ELSE a.total_sales END DESC,
                                     p.name COLLATE "C" ASC, p.external_id COLLATE "C" ASC) AS rank
    FROM (SELECT x.product_id, sum(x.units_sold)::bigint AS units_sold, sum(x.total_sales_cents)::bigint AS total_sales
            FROM (SELECT d.product_id, d.units_sold, d.total_sales_cents FROM daily_product_summary d
                   WHERE d.shop_id = $1 AND d.day BETWEEN w.${window}_head_start AND w.${window}_head_end
                  UNION ALL
                  SELECT k.product_id, k.units_sold, k.total_sales_cents FROM weekly_product_summary k
                   WHERE k.shop_id = $1 AND k.week_start BETWEEN w.${window}_week_first AND w.${window}_week_last
                  UNION ALL
                  SELECT d.product_id, d.units_sold, d.total_sales_cents FROM daily_product_summary d
                   WHERE d.shop_id = $1 AND d.day BETWEEN w.${window}_tail_start AND w.${window}_tail_end) x
           GROUP BY x.product_id
          HAVING sum(x.units_sold) > 0) a
    JOIN product p ON p.shop_id = $1 AND p.product_id = a.product_id`;

const windowColumns = (window: string) => RANGE_FIELDS.map((field) => `${window}_${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`);

/**
 * Top products of several windows in one statement, from the product summaries of counted
 * TikTok orders (whole weeks by week, the other days by day), each with its units and rank in the window's previous period. By units sold: units desc, total sales desc; by total sales: total sales desc,
 * units desc; ties then by product name in code-point order (the same on every server, whatever
 * its locale), then the product's external id, so the order is total.
 */
export async function loadTopProducts(shop: ShopScope, requests: readonly TopProductsRequest[]): Promise<TopProductRow[][]> {
  if (requests.length === 0) return [];
  const windows = requests.map((r) => ({ now: summaryRanges(r.start, r.end), previous: summaryRanges(r.previousStart, r.previousEnd) }));
  const rows: Array<{
    i: number;
    product_id: number;
    units_sold: number;
    total_sales: number;
    previous_units: number | null;
    previous_rank: number | null;
  }> = await shop.read(
    `SELECT w.i::int AS i, t.product_id, t.units_sold, t.total_sales, t.previous_units, t.previous_rank
       FROM unnest(${[...windowColumns('now'), ...windowColumns('previous')].map((_, n) => `$${n + 2}::date[]`).join(', ')},
                   $14::int[], $15::text[])
            WITH ORDINALITY AS w(${[...windowColumns('now'), ...windowColumns('previous')].join(', ')}, first_n, order_by, i)
      CROSS JOIN LATERAL (
        SELECT c.product_id, c.units_sold, c.total_sales, c.rank, pr.units_sold AS previous_units, pr.rank::int AS previous_rank
          FROM (${rankedProducts('now')} ORDER BY rank LIMIT w.first_n) c
          -- Ranked over every product of the previous period, then matched to this page's products.
          LEFT JOIN (${rankedProducts('previous')}) pr ON pr.product_id = c.product_id
         ORDER BY c.rank
      ) t
      ORDER BY w.i, t.rank`,
    [
      ...RANGE_FIELDS.map((field) => windows.map((r) => r.now[field])),
      ...RANGE_FIELDS.map((field) => windows.map((r) => r.previous[field])),
      requests.map((r) => r.first),
      requests.map((r) => r.orderBy),
    ],
  );
  const results: TopProductRow[][] = requests.map(() => []);
  for (const row of rows) {
    const list = results[row.i - 1]!;
    list.push({
      rank: list.length + 1,
      productId: row.product_id,
      unitsSold: row.units_sold,
      totalSalesCents: row.total_sales,
      previousUnitsSold: row.previous_units ?? 0,
      previousRank: row.previous_rank,
    });
  }
  return results;
}
