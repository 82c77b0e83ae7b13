import type { PostalAddress } from '@tiktok-insights/shared';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import { decodeCursor, encodeCursor, type CursorPart } from '../../platform/pagination/cursor.js';
import type { CustomerOrderField, OrderDirection } from './tiktok-customer.types.js';
import { summariesCover } from '../insights/daily-summaries.projection.js';

/** The address columns of a customer, as the customer queries select them. */
export interface CustomerAddressColumns {
  line1: string;
  line2: string | null;
  city: string;
  region: string;
  postal_code: string;
  country: string;
}

export function addressOfRow(row: CustomerAddressColumns): Required<PostalAddress> {
  return { line1: row.line1, line2: row.line2, city: row.city, region: row.region, postalCode: row.postal_code, country: row.country };
}

export interface TikTokCustomerRow extends CustomerAddressColumns {
  customer_id: number;
  external_id: string;
  name: string;
  orders: number;
  net_receipts_cents: number;
  first_order_at: Date;
  last_order_at: Date;
}

export interface CustomerPage {
  rows: Array<{ row: TikTokCustomerRow; cursor: string }>;
  hasNextPage: boolean;
  totalCount: number;
}

export interface CustomerPageRequest {
  asOf: string;
  first: number;
  after: string | null;
  field: CustomerOrderField;
  direction: OrderDirection;
}

/** SQL sort expression, the cursor value's type, and how to read the cursor value back, per sort field. */
export const SORTS: Record<
  CustomerOrderField,
  {
    column: string;
    /** The kept column on `customer` the import keeps (and indexes) for the sort. */
    kept: string;
    /**
     * How a customer's value as of a past day compares with its kept value: the same (`same`:
     * name, first order), or never greater (`not greater`: totals and last order only lose the
     * orders after that day).
     */
    asOfValue: 'same' | 'not greater';
    cast: string;
    part: CursorPart;
    value: (row: TikTokCustomerRow) => string | number;
  }
> = {
  NAME: { column: 'name COLLATE "C"', kept: 'c.name COLLATE "C"', asOfValue: 'same', cast: 'text COLLATE "C"', part: 'text', value: (r) => r.name },
  FIRST_ORDER_AT: { column: 'first_order_at', kept: 'c.first_counted_order_at', asOfValue: 'same', cast: 'timestamptz', part: 'timestamptz', value: (r) => r.first_order_at.toISOString() },
  LAST_ORDER_AT: { column: 'last_order_at', kept: 'c.last_counted_order_at', asOfValue: 'not greater', cast: 'timestamptz', part: 'timestamptz', value: (r) => r.last_order_at.toISOString() },
  ORDERS: { column: 'orders', kept: 'c.counted_orders', asOfValue: 'not greater', cast: 'int', part: 'int', value: (r) => r.orders },
  NET_RECEIPTS: { column: 'net_receipts_cents', kept: 'c.counted_net_receipts_cents', asOfValue: 'not greater', cast: 'bigint', part: 'bigint', value: (r) => r.net_receipts_cents },
};

const IDENTITY = `c.customer_id, c.external_id, c.name, c.line1, c.line2, c.city, c.region, c.postal_code, c.country`;

const KEPT_TOTALS = `c.counted_orders AS orders, c.counted_net_receipts_cents AS net_receipts_cents,
  c.first_counted_order_at AS first_order_at, c.last_counted_order_at AS last_order_at`;

/**
 * The customers with a counted TikTok order after asOf ($2), totalled from their own orders up to
 * asOf (those with none up to asOf left out): the orders placed after asOf and those customers'
 * orders are read, not the shop's history.
 */
const CUSTOMERS_WITH_LATER_ORDERS = `SELECT DISTINCT o.customer_id FROM sales_order o
  WHERE o.shop_id = $1 AND o.channel = 'TIKTOK' AND o.counted AND o.local_day > $2::date`;

/** The totals up to asOf of the customers in `k` (customer_id), those with no order up to asOf left out. */
const TOTALS_AS_OF = (customers: string) => `
  SELECT k.customer_id, a.orders, a.net_receipts_cents, a.first_order_at, a.last_order_at
    FROM (${customers}) k
   CROSS JOIN LATERAL (
     SELECT count(*)::int AS orders, sum(o.net_receipts_cents)::bigint AS net_receipts_cents,
            min(o.placed_at) AS first_order_at, max(o.placed_at) AS last_order_at
       FROM sales_order o
      WHERE o.shop_id = $1 AND o.customer_id = k.customer_id AND o.counted AND o.local_day <= $2::date
   ) a
   WHERE a.orders > 0`;

const LATE_CUSTOMERS = `late AS MATERIALIZED (${TOTALS_AS_OF(CUSTOMERS_WITH_LATER_ORDERS)})`;

/** Customers whose kept totals are their totals at asOf: none of their counted orders is later. */
const KEPT_AT_AS_OF = `
  SELECT ${IDENTITY}, ${KEPT_TOTALS}
    FROM customer c
   WHERE c.shop_id = $1 AND c.space = 'TIKTOK' AND c.counted_orders > 0 AND c.first_counted_day <= $2::date
     AND NOT EXISTS (SELECT 1 FROM late l WHERE l.customer_id = c.customer_id)`;

const LATE_AT_AS_OF = `
  SELECT ${IDENTITY}, l.orders, l.net_receipts_cents, l.first_order_at, l.last_order_at
    FROM late l
   CROSS JOIN LATERAL (SELECT * FROM customer c WHERE c.shop_id = $1 AND c.customer_id = l.customer_id OFFSET 0) c`;

/**
 * The marketing list at asOf ($2) as rows of TikTokCustomerRow, in a statement of its own. When
 * asOf is on or after the shop's last counted TikTok day (`current`), the totals kept on each
 * customer by the import are the answer (and indexed for every sort). For an earlier asOf they
 * still are for every customer without a counted TikTok order after asOf; the others are totalled
 * from their own orders up to asOf (LATE_CUSTOMERS).
 */
export function customerList(current: boolean): { with: string; parts: string[] } {
  if (current) {
    return {
      with: '',
      parts: [
        `SELECT ${IDENTITY}, ${KEPT_TOTALS}
           FROM customer c
          WHERE c.shop_id = $1 AND c.space = 'TIKTOK' AND c.counted_orders > 0 AND $2::date IS NOT NULL`,
      ],
    };
  }
  return { with: `WITH ${LATE_CUSTOMERS}`, parts: [KEPT_AT_AS_OF, LATE_AT_AS_OF] };
}

/** The whole list at asOf in one order, `order` being an ORDER BY list over the row's columns. */
export function orderedCustomerList(current: boolean, order: string): string {
  const list = customerList(current);
  return `${list.with} SELECT * FROM (${list.parts.join(' UNION ALL ')}) t ORDER BY ${order}`;
}

/**
 * How many customers the marketing list holds at asOf, and whether the totals stored on each
 * customer are current for it (asOf on or after the shop's last counted TikTok day).
 */
export async function marketingListState(shop: ShopScope, asOf: string): Promise<{ current: boolean; total: number }> {
  const [state]: Array<{ current: boolean; total: number }> = await shop.read(
    `SELECT ${summariesCover('$2::date', { channel: 'TIKTOK' })} AS current,
            (SELECT coalesce(sum(n.tiktok_customers), 0)::int FROM daily_new_customer_summary n
              WHERE n.shop_id = $1 AND n.day <= $2::date) AS total`,
    [asOf],
  );
  return { current: state!.current, total: state!.total };
}

/** The marketing list: TikTok customers with a counted TikTok order up to asOf, keyset-paginated. */
export async function listTikTokCustomers(shop: ShopScope, request: CustomerPageRequest): Promise<CustomerPage> {
  const sort = SORTS[request.field];
  const scope = `customers:${request.asOf}:${request.field}:${request.direction}`;
  const after = request.after === null ? null : decodeCursor(request.after, scope, [sort.part, 'bigint']);

  const { current, total } = await marketingListState(shop, request.asOf);
  if (request.first === 0 || total === 0) {
    return { rows: [], hasNextPage: total > 0, totalCount: total };
  }
  const comparison = request.direction === 'ASC' ? '>' : '<';
  const order = request.direction === 'ASC' ? 'ASC' : 'DESC';
  const params = after ? [request.asOf, request.first + 1, after[0], after[1]] : [request.asOf, request.first + 1];
  const sql = current
    ? currentPage(sort, { comparison, order, after: after !== null })
    : sort.asOfValue === 'same' || request.direction === 'DESC'
      ? boundedPastPage(sort, { comparison, order, after: after !== null })
      : pastPage(sort, { comparison, order, after: after !== null });
  const rows: TikTokCustomerRow[] = await shop.read(sql, params);
  const shown = rows.slice(0, request.first);
  return {
    rows: shown.map((row) => ({ row, cursor: encodeCursor(scope, [sort.value(row), row.customer_id]) })),
    hasNextPage: rows.length > request.first,
    totalCount: total,
  };
}

type Sort = (typeof SORTS)[CustomerOrderField];
interface PageShape {
  /** `>` for ascending pages, `<` for descending ones: what "after the cursor" is. */
  comparison: string;
  order: 'ASC' | 'DESC';
  after: boolean;
}

const afterCursor = (sort: Sort, column: string, page: PageShape) =>
  page.after ? `(${column}, t.customer_id) ${page.comparison} ($4::${sort.cast}, $5::bigint)` : 'true';

/** The page when the kept totals are current: the sort's index from the cursor on. */
function currentPage(sort: Sort, page: PageShape): string {
  const list = customerList(true);
  return `SELECT * FROM (${list.parts[0]}) t WHERE ${afterCursor(sort, `t.${sort.column}`, page)}
           ORDER BY t.${sort.column} ${page.order}, t.customer_id ${page.order} LIMIT $3`;
}

/**
 * A page as of a past day, any order: every customer with an order after asOf is totalled up to
 * asOf (LATE_CUSTOMERS), the others read from the kept totals. Each part is ordered and cut on its
 * own, so the kept part reads its sort index from the cursor on.
 */
function pastPage(sort: Sort, page: PageShape): string {
  const list = customerList(false);
  const part = (from: string) => `(SELECT * FROM (${from}) t WHERE ${afterCursor(sort, `t.${sort.column}`, page)}
      ORDER BY t.${sort.column} ${page.order}, t.customer_id ${page.order} LIMIT $3)`;
  return `${list.with}
     SELECT * FROM (${list.parts.map(part).join(' UNION ALL ')}) t
      ORDER BY t.${sort.column} ${page.order}, t.customer_id ${page.order} LIMIT $3`;
}

/**
 * A page as of a past day in an order where no customer comes earlier as of that day than its kept
 * values put it (names and first orders do not change; totals and last orders only drop, which in
 * a descending order moves a customer later). Then:
 * - the customers without an order after asOf keep their values: the first page-full of them from
 *   the cursor on is read from the sort's index (\`kept\`), and its last row is the page's bound;
 * - a customer with a later order belongs on the page only if its value as of asOf is at or before
 *   the bound, so its kept value is too: only those (read from the same index, from its start or,
 *   when values do not change, from the cursor) are totalled up to asOf, with their own orders.
 * Without a bound (fewer customers than the page), every customer with a later order is totalled.
 * The work follows the page's position, not the customers who bought after asOf.
 */
function boundedPastPage(sort: Sort, page: PageShape): string {
  const onOrBefore = page.order === 'DESC' ? '>=' : '<=';
  const boughtLater = `(c.last_counted_order_at AT TIME ZONE z.timezone)::date > $2::date`;
  const atAsOf = `c.shop_id = $1 AND c.space = 'TIKTOK' AND c.counted_orders > 0 AND c.first_counted_day <= $2::date`;
  const keptAfterCursor = afterCursor(sort, sort.kept, page).replace('t.customer_id', 'c.customer_id');
  return `WITH z AS (SELECT timezone FROM shop WHERE shop_id = $1),
     kept AS MATERIALIZED (
       SELECT ${IDENTITY}, ${KEPT_TOTALS}, ${sort.kept} AS sort_value
         FROM customer c CROSS JOIN z
        WHERE ${atAsOf} AND NOT ${boughtLater} AND ${keptAfterCursor}
        ORDER BY ${sort.kept} ${page.order}, c.customer_id ${page.order}
        LIMIT $3
     ),
     bound AS (
       SELECT k.sort_value, k.customer_id FROM kept k
        WHERE (SELECT count(*) FROM kept) = $3
        ORDER BY k.sort_value ${page.order === 'DESC' ? 'ASC' : 'DESC'}, k.customer_id ${page.order === 'DESC' ? 'ASC' : 'DESC'}
        LIMIT 1
     ),
     late AS MATERIALIZED (${TOTALS_AS_OF(`
       SELECT c.customer_id FROM customer c CROSS JOIN z CROSS JOIN bound b
        WHERE ${atAsOf} AND ${boughtLater} AND (${sort.kept}, c.customer_id) ${onOrBefore} (b.sort_value, b.customer_id)
          AND ${sort.asOfValue === 'same' ? keptAfterCursor : 'true'}
       UNION ALL
       SELECT * FROM (${CUSTOMERS_WITH_LATER_ORDERS}) o WHERE NOT EXISTS (SELECT 1 FROM bound)`)})
     SELECT * FROM (
       SELECT customer_id, external_id, name, line1, line2, city, region, postal_code, country,
              orders, net_receipts_cents, first_order_at, last_order_at
         FROM kept
       UNION ALL
       ${LATE_AT_AS_OF}
     ) t
      WHERE ${afterCursor(sort, `t.${sort.column}`, page)}
      ORDER BY t.${sort.column} ${page.order}, t.customer_id ${page.order}
      LIMIT $3`;
}
