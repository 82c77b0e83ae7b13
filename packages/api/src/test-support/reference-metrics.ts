/**
 * REFERENCE implementation of every metric of spec section 4, computed in memory from the raw order
 * list, for randomized comparison against the SQL-backed API. It favours the spec's words over speed:
 * every metric is a plain filter / count / sum over the orders it names (a few thousand orders).
 *
 * Readings chosen where the spec leaves room (the API should align with these):
 *
 *  1. Orders are keyed by (channel, externalId); when a key appears several times in the input list,
 *     the LAST occurrence is the order (it is the latest import). Superseded occurrences count nowhere.
 *  2. "Latest import wins" for customers and products is decided over the WHOLE raw input list, in
 *     list order, including superseded duplicates, orders that are not counted and orders after asOf,
 *     but not an order sent again exactly as its previous occurrence (it changes nothing):
 *     the last order in the list that mentions a customer gives its name and address; the last order
 *     line in the list that mentions a product gives its name and sku. (This is what importing the
 *     list in order, in one or several calls, leaves in the customer and product tables.) The latest
 *     data is used whatever asOf is: asOf limits which ORDERS count, not which version of a name or
 *     address is shown.
 *  3. Customer spaces: TIKTOK orders' `customer.externalId` is a TikTok customer; every other channel
 *     shares one store customer space keyed by `customer.externalId`. A TikTok id and a store id that
 *     happen to be spelled alike are different customers.
 *  4. An order's day is `dayInZone(parseIsoDateTime(placedAt), shop.timezone)`. Only counted orders
 *     (PAID, SHIPPED, DELIVERED) whose day is ≤ asOf exist for every metric below ("up to asOf").
 *     Instants are compared at millisecond precision (parseIsoDateTime truncates finer fractions);
 *     instants are reported with `Date.toISOString()` (UTC, milliseconds).
 *  5. A window or series point reaching past asOf keeps its nominal start/end but only counts days
 *     ≤ asOf. Windows are never clipped at the start: days before the first order simply count 0.
 *  6. Summary `uniqueCustomers` = distinct TikTok customers with a counted TikTok order in the window;
 *     `aovBelowTarget` = AOV is not null and AOV < aovTargetCents (false when there are no orders).
 *  7. First-time in a point = the customer's first counted TikTok order day (over ALL counted TikTok
 *     orders up to asOf, not only those in the window) lies within the point's start … end.
 *  8. Top products are over counted TikTok orders only, all products sold in the window (none with 0
 *     units), ranked 1…n by unitsSold desc, totalSales desc, latest product name asc, where names are
 *     compared by UTF-16 code units (like SQL `COLLATE "C"`), and, when the names are equal too, by
 *     productExternalId asc (code units) so that the order is total. The ranks are 1, 2, 3… with no
 *     shared ranks for ties.
 *  9. Address key of a customer = addressKey(its latest address) (or `options.addressKeyOf`). A store
 *     order is matched to a TikTok customer through the address key of the STORE CUSTOMER who placed
 *     it (its latest address), not through the address the order was imported with.
 * 10. Sourced: the TikTok customer's first counted TikTok order instant is STRICTLY earlier than every
 *     store order at its key; a store order at the very same instant makes it not sourced. For a
 *     sourced customer every store order at its key is therefore "placed after their first TikTok
 *     order", so its crossover orders are all the store orders at its key (up to asOf).
 * 11. Crossover date = local day of the earliest such store order; firstCrossoverOrderAt = its instant.
 *     Crossover customers listed in `crossover.customers` are the crossover customers only.
 * 12. crossoverNonTikTokNetReceipts = Σ net of the DISTINCT store orders that belong to at least one
 *     crossover customer's crossover orders (an order shared by two TikTok accounts at one address
 *     counts once), while each crossover customer's own nonTikTokOrders / nonTikTokNetReceipts count
 *     every one of its crossover orders (so shared orders appear in both accounts' rows).
 * 13. cumulativeByWeek(from, to): the whole weeks (per weekStartsOn) from the start of `from`'s week to
 *     the end of `to`'s week. A missing `from` defaults to the week of the shop's first counted TikTok
 *     order day (or asOf's week when there is none); a missing `to` defaults to asOf's week. A `to`
 *     earlier than `from`, or bounds that resolve to a start after the end (e.g. only `to`, earlier
 *     than the default start), throw DateRangeError (field 'to'). No cap on the number of weeks.
 *     Sourced/crossover status is the one as of asOf; a week counts those whose first TikTok order day
 *     (resp. crossover date) is ≤ the week's end; weeks after asOf repeat the asOf totals, weeks before
 *     the first order are 0; crossoverRate = crossover ÷ sourced of that week, 0 when sourced is 0.
 * 14. orderBreakdown: all four buckets NONE, ONE, TWO, THREE_OR_MORE in that order over sourced
 *     customers; share = customers ÷ sourced, 0 when there are no sourced customers.
 * 15. The marketing list holds the TikTok customers with a counted TikTok order up to asOf; `orders`,
 *     `netReceiptsCents`, `firstOrderAt`, `lastOrderAt` are over those orders; `line2` is null when the
 *     import left it out.
 * 16. dateRange(from, to) is `resolveWeekRange(asOf, weekStartsOn, from, to)` (DateRangeError as it
 *     throws); previous = `previousWindow(window)` for both last7Days and dateRange.
 */
import {
  type CrossoverBucketKind,
  CROSSOVER_BUCKET_KINDS,
  DateRangeError,
  type DayWindow,
  type IsoDay,
  type WeekStart,
  averageOrderValueCents,
  crossoverBucketOf,
  dayBuckets,
  dayInZone,
  isCounted,
  last7Days,
  parseIsoDateTime,
  parseIsoDay,
  previousWindow,
  ratio0,
  resolveWeekRange,
  share,
  weekBuckets,
  weekEndOf,
  weekStartOf,
} from '@tiktok-insights/shared';
import { addressKey } from '../modules/address/address-key.js';
import type { AddressData, CustomerData, OrderData, OrderLineData } from '../modules/orders/order-input.js';

// ---------------------------------------------------------------------------------------------
// Public shapes (money in integer cents)
// ---------------------------------------------------------------------------------------------

export interface ReferenceShop {
  timezone: string;
  weekStartsOn: WeekStart;
  currency: string;
  aovTargetCents: number;
}

export interface ReferenceOptions {
  from?: IsoDay | null;
  to?: IsoDay | null;
  crossoverFrom?: IsoDay | null;
  crossoverTo?: IsoDay | null;
  /**
   * The address key of a customer's (latest) address, for crossover matching (reading 9).
   * Default `addressKey`; another function measures a different matcher on the same definitions.
   */
  addressKeyOf?: (address: AddressData) => string;
}

export interface Summary {
  totalOrders: number;
  netReceiptsCents: number;
  averageOrderValueCents: number | null;
  uniqueCustomers: number;
  aovBelowTarget: boolean;
}

export interface Point {
  start: IsoDay;
  end: IsoDay;
  orders: number;
  netReceiptsCents: number;
  allChannelsNetReceiptsCents: number;
  nonTikTokNetReceiptsCents: number;
  tiktokShare: number | null;
  uniqueCustomers: number;
  firstTimeCustomers: number;
  repeatCustomers: number;
}

export interface TopProductRow {
  rank: number;
  productExternalId: string;
  productName: string;
  sku: string | null;
  unitsSold: number;
  totalSalesCents: number;
}

export interface Period {
  start: IsoDay;
  end: IsoDay;
  summary: Summary;
  previous: Summary;
  series: Point[];
  topProducts: TopProductRow[];
}

export interface MarketingAddress {
  line1: string;
  line2: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface MarketingCustomer {
  tiktokCustomerId: string;
  name: string;
  address: MarketingAddress;
  firstOrderAt: string;
  lastOrderAt: string;
  orders: number;
  netReceiptsCents: number;
}

export interface CrossoverBucketRow {
  bucket: CrossoverBucketKind;
  customers: number;
  share: number;
}

export interface CrossoverWeekRow {
  start: IsoDay;
  end: IsoDay;
  cumulativeSourcedCustomers: number;
  cumulativeCrossoverCustomers: number;
  crossoverRate: number;
}

export interface CrossoverCustomerRow {
  tiktokCustomerId: string;
  firstTikTokOrderAt: string;
  firstCrossoverOrderAt: string;
  nonTikTokOrders: number;
  nonTikTokNetReceiptsCents: number;
}

export interface CrossoverReference {
  sourcedCustomers: number;
  crossoverCustomers: number;
  crossoverRate: number;
  crossoverNonTikTokNetReceiptsCents: number;
  orderBreakdown: CrossoverBucketRow[];
  cumulativeByWeek: CrossoverWeekRow[];
  customers: CrossoverCustomerRow[];
}

export interface ReferenceInsights {
  asOf: IsoDay;
  allTime: Summary;
  last7Days: Period;
  dateRange: Period;
  customers: MarketingCustomer[];
  crossover: CrossoverReference;
}

// ---------------------------------------------------------------------------------------------
// The data set: counted orders up to asOf, and the latest customer and product records
// ---------------------------------------------------------------------------------------------

/** A counted order whose day is ≤ asOf, reduced to what the metrics read. */
interface CountedOrder {
  /** A unique key of the order: `channel|externalId`. */
  key: string;
  isTikTok: boolean;
  /** TikTok buyer id on TikTok orders, the store customer id otherwise. */
  customerId: string;
  placedAtMs: number;
  day: IsoDay;
  netReceiptsCents: number;
  lines: readonly OrderLineData[];
}

interface DataSet {
  asOf: IsoDay;
  shop: ReferenceShop;
  tiktokOrders: CountedOrder[];
  storeOrders: CountedOrder[];
  allOrders: CountedOrder[];
  latestTikTokCustomer: Map<string, CustomerData>;
  latestStoreCustomer: Map<string, CustomerData>;
  latestProductLine: Map<string, OrderLineData>;
  /** Per TikTok customer, the day of its first counted TikTok order up to asOf. */
  firstTikTokDayByCustomer: Map<string, IsoDay>;
}

function orderKeyOf(order: OrderData): string {
  return `${order.channel}|${order.externalId}`;
}

/** Σ(quantity × unitPrice) + tax + shipping − discount − credit. */
export function netReceiptsOf(order: OrderData): number {
  const subtotal = order.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  return subtotal + order.taxCents + order.shippingCents - order.discountCents - order.creditCents;
}

/** One order per (channel, externalId): the last occurrence in the list. */
export function latestOrderPerKey(orders: readonly OrderData[]): OrderData[] {
  const byKey = new Map<string, OrderData>();
  for (const order of orders) byKey.set(orderKeyOf(order), order);
  return [...byKey.values()];
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The occurrences that changed something: an order sent again exactly as its previous occurrence
 * "changes nothing" (spec section 3), so it does not count as the latest mention of its customer
 * or products either.
 */
export function effectiveImports(orders: readonly OrderData[]): OrderData[] {
  const lastContent = new Map<string, string>();
  const effective: OrderData[] = [];
  for (const order of orders) {
    const content = canonicalJson({ ...order, placedAt: parseIsoDateTime(order.placedAt).toISOString() });
    if (lastContent.get(orderKeyOf(order)) === content) continue;
    lastContent.set(orderKeyOf(order), content);
    effective.push(order);
  }
  return effective;
}

/** Per customer id, the customer data of the last order in the list (any status) of that space. */
function latestCustomers(orders: readonly OrderData[], tiktok: boolean): Map<string, CustomerData> {
  const byId = new Map<string, CustomerData>();
  for (const order of orders) {
    if ((order.channel === 'TIKTOK') === tiktok) byId.set(order.customer.externalId, order.customer);
  }
  return byId;
}

/** Per product id, the last order line in the list that mentions it (any order, any status). */
function latestProductLines(orders: readonly OrderData[]): Map<string, OrderLineData> {
  const byId = new Map<string, OrderLineData>();
  for (const order of orders) {
    for (const line of order.lines) byId.set(line.productExternalId, line);
  }
  return byId;
}

/** Days are `YYYY-MM-DD`, so string order is calendar order. */
function isDayOnOrBefore(day: IsoDay, last: IsoDay): boolean {
  return day <= last;
}

function isDayWithin(day: IsoDay, window: DayWindow): boolean {
  return day >= window.start && day <= window.end;
}

function countedOrdersUpTo(orders: readonly OrderData[], timezone: string, asOf: IsoDay): CountedOrder[] {
  const counted: CountedOrder[] = [];
  for (const order of latestOrderPerKey(orders)) {
    if (!isCounted(order.status)) continue;
    const placedAt = parseIsoDateTime(order.placedAt);
    const day = dayInZone(placedAt, timezone);
    if (!isDayOnOrBefore(day, asOf)) continue;
    counted.push({
      key: orderKeyOf(order),
      isTikTok: order.channel === 'TIKTOK',
      customerId: order.customer.externalId,
      placedAtMs: placedAt.getTime(),
      day,
      netReceiptsCents: netReceiptsOf(order),
      lines: order.lines,
    });
  }
  return counted;
}

function firstDayPerCustomer(tiktokOrders: readonly CountedOrder[]): Map<string, IsoDay> {
  const firstDay = new Map<string, IsoDay>();
  for (const order of tiktokOrders) {
    const known = firstDay.get(order.customerId);
    if (known === undefined || order.day < known) firstDay.set(order.customerId, order.day);
  }
  return firstDay;
}

function buildDataSet(orders: readonly OrderData[], shop: ReferenceShop, asOf: IsoDay): DataSet {
  const allOrders = countedOrdersUpTo(orders, shop.timezone, asOf);
  const tiktokOrders = allOrders.filter((o) => o.isTikTok);
  return {
    asOf,
    shop,
    allOrders,
    tiktokOrders,
    storeOrders: allOrders.filter((o) => !o.isTikTok),
    latestTikTokCustomer: latestCustomers(effectiveImports(orders), true),
    latestStoreCustomer: latestCustomers(effectiveImports(orders), false),
    latestProductLine: latestProductLines(effectiveImports(orders)),
    firstTikTokDayByCustomer: firstDayPerCustomer(tiktokOrders),
  };
}

// ---------------------------------------------------------------------------------------------
// Summaries, series points, periods
// ---------------------------------------------------------------------------------------------

function ordersWithin(orders: readonly CountedOrder[], window: DayWindow): CountedOrder[] {
  return orders.filter((o) => isDayWithin(o.day, window));
}

function sumNet(orders: readonly CountedOrder[]): number {
  return orders.reduce((sum, o) => sum + o.netReceiptsCents, 0);
}

function distinctCustomers(orders: readonly CountedOrder[]): Set<string> {
  return new Set(orders.map((o) => o.customerId));
}

/** The summary of the counted TikTok orders given (already limited to the window). */
function summaryOf(tiktokOrders: readonly CountedOrder[], aovTargetCents: number): Summary {
  const totalOrders = tiktokOrders.length;
  const netReceiptsCents = sumNet(tiktokOrders);
  const aov = averageOrderValueCents(netReceiptsCents, totalOrders);
  return {
    totalOrders,
    netReceiptsCents,
    averageOrderValueCents: aov,
    uniqueCustomers: distinctCustomers(tiktokOrders).size,
    aovBelowTarget: aov !== null && aov < aovTargetCents,
  };
}

function windowSummary(data: DataSet, window: DayWindow): Summary {
  return summaryOf(ordersWithin(data.tiktokOrders, window), data.shop.aovTargetCents);
}

function pointOf(data: DataSet, bucket: DayWindow): Point {
  const tiktok = ordersWithin(data.tiktokOrders, bucket);
  const allChannels = ordersWithin(data.allOrders, bucket);
  const netReceiptsCents = sumNet(tiktok);
  const allChannelsNetReceiptsCents = sumNet(allChannels);
  const customers = distinctCustomers(tiktok);
  const firstTime = [...customers].filter((id) => {
    const firstDay = data.firstTikTokDayByCustomer.get(id);
    return firstDay !== undefined && isDayWithin(firstDay, bucket);
  });
  return {
    start: bucket.start,
    end: bucket.end,
    orders: tiktok.length,
    netReceiptsCents,
    allChannelsNetReceiptsCents,
    nonTikTokNetReceiptsCents: allChannelsNetReceiptsCents - netReceiptsCents,
    tiktokShare: share(netReceiptsCents, allChannelsNetReceiptsCents),
    uniqueCustomers: customers.size,
    firstTimeCustomers: firstTime.length,
    repeatCustomers: customers.size - firstTime.length,
  };
}

/** Code-unit comparison, like SQL `COLLATE "C"`. */
function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

function topProductsOf(data: DataSet, window: DayWindow): TopProductRow[] {
  const totals = new Map<string, { unitsSold: number; totalSalesCents: number }>();
  for (const order of ordersWithin(data.tiktokOrders, window)) {
    for (const line of order.lines) {
      const total = totals.get(line.productExternalId) ?? { unitsSold: 0, totalSalesCents: 0 };
      total.unitsSold += line.quantity;
      total.totalSalesCents += line.quantity * line.unitPriceCents;
      totals.set(line.productExternalId, total);
    }
  }
  const rows = [...totals].map(([productExternalId, total]) => {
    const latest = data.latestProductLine.get(productExternalId);
    return {
      productExternalId,
      productName: latest?.productName ?? '',
      sku: latest?.sku ?? null,
      unitsSold: total.unitsSold,
      totalSalesCents: total.totalSalesCents,
    };
  });
  rows.sort(
    (a, b) =>
      b.unitsSold - a.unitsSold ||
      b.totalSalesCents - a.totalSalesCents ||
      compareCodeUnits(a.productName, b.productName) ||
      compareCodeUnits(a.productExternalId, b.productExternalId),
  );
  return rows.map((row, index) => ({ rank: index + 1, ...row }));
}

function periodOf(data: DataSet, window: DayWindow, buckets: readonly DayWindow[]): Period {
  return {
    start: window.start,
    end: window.end,
    summary: windowSummary(data, window),
    previous: windowSummary(data, previousWindow(window)),
    series: buckets.map((bucket) => pointOf(data, bucket)),
    topProducts: topProductsOf(data, window),
  };
}

// ---------------------------------------------------------------------------------------------
// Marketing list
// ---------------------------------------------------------------------------------------------

function marketingAddressOf(address: AddressData): MarketingAddress {
  return {
    line1: address.line1,
    line2: address.line2 ?? null,
    city: address.city,
    region: address.region,
    postalCode: address.postalCode,
    country: address.country,
  };
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

function ordersByCustomer(orders: readonly CountedOrder[]): Map<string, CountedOrder[]> {
  const byCustomer = new Map<string, CountedOrder[]>();
  for (const order of orders) {
    const list = byCustomer.get(order.customerId) ?? [];
    list.push(order);
    byCustomer.set(order.customerId, list);
  }
  return byCustomer;
}

function latestTikTokCustomerData(data: DataSet, tiktokCustomerId: string): CustomerData {
  const customer = data.latestTikTokCustomer.get(tiktokCustomerId);
  if (customer === undefined) throw new Error(`No customer data for TikTok customer ${tiktokCustomerId}`);
  return customer;
}

function marketingListOf(data: DataSet): MarketingCustomer[] {
  return [...ordersByCustomer(data.tiktokOrders)].map(([tiktokCustomerId, orders]) => {
    const customer = latestTikTokCustomerData(data, tiktokCustomerId);
    const instants = orders.map((o) => o.placedAtMs);
    return {
      tiktokCustomerId,
      name: customer.name,
      address: marketingAddressOf(customer.address),
      firstOrderAt: isoOf(Math.min(...instants)),
      lastOrderAt: isoOf(Math.max(...instants)),
      orders: orders.length,
      netReceiptsCents: sumNet(orders),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Crossover
// ---------------------------------------------------------------------------------------------

/** Where a TikTok customer (with a counted TikTok order up to asOf) stands for crossover. */
interface CrossoverStanding {
  tiktokCustomerId: string;
  firstTikTokOrder: CountedOrder;
  sourced: boolean;
  /** When sourced: the store orders at its address key placed after its first TikTok order, oldest first. */
  crossoverOrders: CountedOrder[];
}

function earliestOrder(orders: readonly CountedOrder[]): CountedOrder {
  const sorted = [...orders].sort((a, b) => a.placedAtMs - b.placedAtMs);
  const first = sorted[0];
  if (first === undefined) throw new Error('earliestOrder needs at least one order');
  return first;
}

type AddressKeyOf = (address: AddressData) => string;

function storeOrderAddressKey(data: DataSet, order: CountedOrder, keyOf: AddressKeyOf): string {
  const storeCustomer = data.latestStoreCustomer.get(order.customerId);
  if (storeCustomer === undefined) throw new Error(`No customer data for store customer ${order.customerId}`);
  return keyOf(storeCustomer.address);
}

function crossoverStandingOf(
  data: DataSet,
  tiktokCustomerId: string,
  tiktokOrders: CountedOrder[],
  keyOf: AddressKeyOf,
): CrossoverStanding {
  const firstTikTokOrder = earliestOrder(tiktokOrders);
  const key = keyOf(latestTikTokCustomerData(data, tiktokCustomerId).address);
  const storeOrdersAtKey = data.storeOrders.filter((o) => storeOrderAddressKey(data, o, keyOf) === key);
  const sourced = storeOrdersAtKey.every((o) => o.placedAtMs > firstTikTokOrder.placedAtMs);
  const crossoverOrders = sourced
    ? storeOrdersAtKey
        .filter((o) => o.placedAtMs > firstTikTokOrder.placedAtMs)
        .sort((a, b) => a.placedAtMs - b.placedAtMs)
    : [];
  return { tiktokCustomerId, firstTikTokOrder, sourced, crossoverOrders };
}

function isCrossover(standing: CrossoverStanding): boolean {
  return standing.sourced && standing.crossoverOrders.length > 0;
}

function firstCrossoverOrderOf(standing: CrossoverStanding): CountedOrder {
  const first = standing.crossoverOrders[0];
  if (first === undefined) throw new Error(`${standing.tiktokCustomerId} is not a crossover customer`);
  return first;
}

function crossoverCustomerRowOf(standing: CrossoverStanding): CrossoverCustomerRow {
  return {
    tiktokCustomerId: standing.tiktokCustomerId,
    firstTikTokOrderAt: isoOf(standing.firstTikTokOrder.placedAtMs),
    firstCrossoverOrderAt: isoOf(firstCrossoverOrderOf(standing).placedAtMs),
    nonTikTokOrders: standing.crossoverOrders.length,
    nonTikTokNetReceiptsCents: sumNet(standing.crossoverOrders),
  };
}

function distinctCrossoverOrdersNet(crossovers: readonly CrossoverStanding[]): number {
  const distinct = new Map<string, CountedOrder>();
  for (const standing of crossovers) {
    for (const order of standing.crossoverOrders) distinct.set(order.key, order);
  }
  return sumNet([...distinct.values()]);
}

function orderBreakdownOf(sourced: readonly CrossoverStanding[]): CrossoverBucketRow[] {
  return CROSSOVER_BUCKET_KINDS.map((bucket) => {
    const customers = sourced.filter((s) => crossoverBucketOf(s.crossoverOrders.length) === bucket).length;
    return { bucket, customers, share: ratio0(customers, sourced.length) };
  });
}

/** The weeks of cumulativeByWeek (reading 13 at the top of the file). */
export function crossoverWeeksWindow(
  data: { asOf: IsoDay; weekStartsOn: WeekStart; firstTikTokOrderDay: IsoDay | null },
  from?: IsoDay | null,
  to?: IsoDay | null,
): DayWindow {
  const hasFrom = from !== undefined && from !== null;
  const hasTo = to !== undefined && to !== null;
  if (hasFrom && hasTo && to < from) throw new DateRangeError('to', `to (${to}) is before from (${from})`);
  const defaultStartDay = data.firstTikTokOrderDay ?? data.asOf;
  const start = weekStartOf(hasFrom ? from : defaultStartDay, data.weekStartsOn);
  const end = weekEndOf(hasTo ? to : data.asOf, data.weekStartsOn);
  if (end < start) throw new DateRangeError('to', `The weeks ${start} … ${end} end before they start`);
  return { start, end };
}

function cumulativeByWeekOf(
  data: DataSet,
  sourced: readonly CrossoverStanding[],
  crossovers: readonly CrossoverStanding[],
  from?: IsoDay | null,
  to?: IsoDay | null,
): CrossoverWeekRow[] {
  const firstTikTokOrderDay = data.tiktokOrders.length === 0 ? null : earliestDay(data.tiktokOrders);
  const window = crossoverWeeksWindow(
    { asOf: data.asOf, weekStartsOn: data.shop.weekStartsOn, firstTikTokOrderDay },
    from,
    to,
  );
  return weekBuckets(window, data.shop.weekStartsOn).map((week) => {
    const cumulativeSourcedCustomers = sourced.filter((s) => isDayOnOrBefore(s.firstTikTokOrder.day, week.end)).length;
    const cumulativeCrossoverCustomers = crossovers.filter((s) =>
      isDayOnOrBefore(firstCrossoverOrderOf(s).day, week.end),
    ).length;
    return {
      start: week.start,
      end: week.end,
      cumulativeSourcedCustomers,
      cumulativeCrossoverCustomers,
      crossoverRate: ratio0(cumulativeCrossoverCustomers, cumulativeSourcedCustomers),
    };
  });
}

function earliestDay(orders: readonly CountedOrder[]): IsoDay {
  return orders.map((o) => o.day).reduce((a, b) => (b < a ? b : a));
}

function crossoverOf(data: DataSet, options: ReferenceOptions): CrossoverReference {
  const keyOf = options.addressKeyOf ?? addressKey;
  const standings = [...ordersByCustomer(data.tiktokOrders)].map(([id, orders]) =>
    crossoverStandingOf(data, id, orders, keyOf),
  );
  const sourced = standings.filter((s) => s.sourced);
  const crossovers = sourced.filter(isCrossover);
  return {
    sourcedCustomers: sourced.length,
    crossoverCustomers: crossovers.length,
    crossoverRate: ratio0(crossovers.length, sourced.length),
    crossoverNonTikTokNetReceiptsCents: distinctCrossoverOrdersNet(crossovers),
    orderBreakdown: orderBreakdownOf(sourced),
    cumulativeByWeek: cumulativeByWeekOf(data, sourced, crossovers, options.crossoverFrom, options.crossoverTo),
    customers: crossovers.map(crossoverCustomerRowOf),
  };
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/** Every metric of spec section 4 for `asOf`, from the orders as imported (in import order). */
export function referenceInsights(
  orders: readonly OrderData[],
  shop: ReferenceShop,
  asOf: IsoDay,
  options: ReferenceOptions = {},
): ReferenceInsights {
  parseIsoDay(asOf);
  const data = buildDataSet(orders, shop, asOf);
  const last7 = last7Days(asOf);
  const range = resolveWeekRange(asOf, shop.weekStartsOn, options.from, options.to);
  return {
    asOf,
    // allTime = every day up to and including asOf: exactly the counted TikTok orders of the data set.
    allTime: summaryOf(data.tiktokOrders, shop.aovTargetCents),
    last7Days: periodOf(data, last7, dayBuckets(last7)),
    dateRange: periodOf(data, range, weekBuckets(range, shop.weekStartsOn)),
    customers: marketingListOf(data),
    crossover: crossoverOf(data, options),
  };
}
