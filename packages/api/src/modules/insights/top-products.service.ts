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
 * The products sold in a range of days ($start, $end: SQL expressions of the request row `w`),
 * summed per product first (only the sums meet the product table, whose names break ties), with
 * their rank in the request's order.
 */
const rankedProducts = (start: string, end: string) => `
  SELECT a.product_id, a.units_sold, a.total_sales,
         row_number() OVER (ORDER BY CASE WHEN w.order_by = 'TOTAL_SALES' THEN a.total_sales ELSE a.units_sold END DESC,
                                     CASE WHEN w.order_by = 'TOTAL_SALES' THEN a.units_sold ELSE a.total_sales END DESC,
                                     p.name COLLATE "C" ASC, p.external_id COLLATE "C" ASC) AS rank
    FROM (SELECT d.product_id, sum(d.units_sold)::bigint AS units_sold, sum(d.total_sales_cents)::bigint AS total_sales
            FROM daily_product_summary d
           WHERE d.shop_id = $1 AND d.day BETWEEN ${start} AND ${end}
           GROUP BY d.product_id
          HAVING sum(d.units_sold) > 0) a
    JOIN product p ON p.shop_id = $1 AND p.product_id = a.product_id`;

/**
 * Top products of several windows in one statement, from the per-day product summary of counted
 * TikTok orders, each with its units and rank in the window's previous period. By units sold: units desc, total sales desc; by total sales: total sales desc,
 * units desc; ties then by product name in code-point order (the same on every server, whatever
 * its locale), then the product's external id, so the order is total.
 */
export async function loadTopProducts(shop: ShopScope, requests: readonly TopProductsRequest[]): Promise<TopProductRow[][]> {
  if (requests.length === 0) return [];
  const rows: Array<{
    i: number;
    product_id: number;
    units_sold: number;
    total_sales: number;
    previous_units: number | null;
    previous_rank: number | null;
  }> = await shop.read(
    `SELECT w.i::int AS i, t.product_id, t.units_sold, t.total_sales, t.previous_units, t.previous_rank
       FROM unnest($2::date[], $3::date[], $4::date[], $5::date[], $6::int[], $7::text[])
            WITH ORDINALITY AS w(start_day, end_day, previous_start, previous_end, first_n, order_by, i)
      CROSS JOIN LATERAL (
        SELECT c.product_id, c.units_sold, c.total_sales, c.rank, pr.units_sold AS previous_units, pr.rank::int AS previous_rank
          FROM (${rankedProducts('w.start_day', 'w.end_day')} ORDER BY rank LIMIT w.first_n) c
          -- Ranked over every product of the previous period, then matched to this page's products.
          LEFT JOIN (${rankedProducts('w.previous_start', 'w.previous_end')}) pr ON pr.product_id = c.product_id
         ORDER BY c.rank
      ) t
      ORDER BY w.i, t.rank`,
    [
      requests.map((r) => r.start),
      requests.map((r) => r.end),
      requests.map((r) => r.previousStart),
      requests.map((r) => r.previousEnd),
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
