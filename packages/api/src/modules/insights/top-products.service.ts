import type { ShopScope } from '../../platform/database/shop-scope.js';

/** What ranks the products: units sold (the spec's order, the default) or total sales. */
export type TopProductOrder = 'UNITS_SOLD' | 'TOTAL_SALES';

export interface TopProductsRequest {
  start: string;
  end: string;
  first: number;
  orderBy: TopProductOrder;
}

export interface TopProductRow {
  rank: number;
  productId: number;
  unitsSold: number;
  totalSalesCents: number;
}

/**
 * Top products of several windows in one statement, from the per-day product summary of counted
 * TikTok orders. By units sold: units desc, total sales desc; by total sales: total sales desc,
 * units desc; ties then by product name in code-point order (the same on every server, whatever
 * its locale), then the product's external id, so the order is total.
 */
export async function loadTopProducts(shop: ShopScope, requests: readonly TopProductsRequest[]): Promise<TopProductRow[][]> {
  if (requests.length === 0) return [];
  const rows: Array<{ i: number; product_id: number; units_sold: number; total_sales: number }> = await shop.read(
    `SELECT w.i::int AS i, t.product_id, t.units_sold, t.total_sales
       FROM unnest($2::date[], $3::date[], $4::int[], $5::text[]) WITH ORDINALITY AS w(start_day, end_day, first_n, order_by, i)
      CROSS JOIN LATERAL (
        -- Summed per product first; only the sums meet the product table (names break ties).
        SELECT a.product_id, a.units_sold, a.total_sales,
               row_number() OVER (ORDER BY CASE WHEN w.order_by = 'TOTAL_SALES' THEN a.total_sales ELSE a.units_sold END DESC,
                                           CASE WHEN w.order_by = 'TOTAL_SALES' THEN a.units_sold ELSE a.total_sales END DESC,
                                           p.name COLLATE "C" ASC, p.external_id COLLATE "C" ASC) AS rank
          FROM (SELECT d.product_id, sum(d.units_sold)::bigint AS units_sold, sum(d.total_sales_cents)::bigint AS total_sales
                  FROM daily_product_summary d
                 WHERE d.shop_id = $1 AND d.day BETWEEN w.start_day AND w.end_day
                 GROUP BY d.product_id
                HAVING sum(d.units_sold) > 0) a
          JOIN product p ON p.shop_id = $1 AND p.product_id = a.product_id
         ORDER BY rank
         LIMIT w.first_n
      ) t
      ORDER BY w.i, t.rank`,
    [requests.map((r) => r.start), requests.map((r) => r.end), requests.map((r) => r.first), requests.map((r) => r.orderBy)],
  );
  const results: TopProductRow[][] = requests.map(() => []);
  for (const row of rows) {
    const list = results[row.i - 1]!;
    list.push({ rank: list.length + 1, productId: row.product_id, unitsSold: row.units_sold, totalSalesCents: row.total_sales });
  }
  return results;
}
