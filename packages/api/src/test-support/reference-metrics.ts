/**
 * REFERENCE implementation of every metric of spec sections 4 and 11, computed in memory from the raw order
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
 *
 * Section 11 ("More insights"):
 *
 * 17. hourOfWeek: 168 cells, weekday 1 (Monday) … 7 (Sunday) then hour 0 … 23, zero-filled, over the
 *     counted TikTok orders of the window (days ≤ asOf, reading 4). An order's cell is the weekday and
 *     hour the shop's wall clock shows at its placedAt (`wallClockHourOfWeek`): the weekday of its
 *     local day, so a cell's orders are those of the window's days only; both 1 a.m. hours of a
 *     fall-back day are hour 1; a spring-forward day's skipped hour holds nothing.
 * 18. cancellations: over the TikTok orders (the latest occurrence per key, reading 1) of ANY status
 *     whose day lies in the window and is ≤ asOf: cancelledOrders = status CANCELLED, refundedOrders =
 *     status REFUNDED, lostNetReceiptsCents = Σ net receipts (section 4's formula) of both; rate =
 *     (cancelled + refunded) ÷ (cancelled + refunded + counted TikTok orders of the window), null when
 *     that is 0. UNPAID orders are in none of these counts. previousCancellations = the same over
 *     `previousWindow(window)`. An order corrected from CANCELLED to PAID counts only as PAID.
 * 19. topProducts ordering (`options.topProductsOrderBy`): UNITS_SOLD (default) is reading 8;
 *     TOTAL_SALES = totalSales desc, unitsSold desc, then name and productExternalId as in reading 8.
 *     previousUnitsSold = the product's units over counted TikTok orders in `previousWindow(window)`
 *     (days ≤ asOf), 0 when none; previousRank = its rank in the full list over that previous window
 *     with the same ordering (names are the latest ones, reading 2), null when it sold nothing then.
 * 20. cohorts(by, first) (`options.cohortBy`, default MONTH; `options.cohortFirst`, default 12, 0 gives
 *     none): the last `first` calendar months (of local days) or weeks (by weekStartsOn) up to and
 *     including the one holding asOf, oldest first, each with its nominal start/end. customers = the
 *     TikTok customers whose first counted TikTok order day (≤ asOf; a cancelled first order does not
 *     count) lies in the cohort's period. periods = index 0 (the cohort's own period) … the period
 *     holding asOf, nominal start/end (the last one reaches past asOf but counts days ≤ asOf):
 *     activeCustomers = cohort customers with a counted TikTok order (day ≤ asOf) in that period;
 *     cumulativeCrossoverCustomers = cohort customers who are crossover customers as of asOf
 *     (readings 9–11) with a crossover date ≤ the period's end (asOf for the last period). A cohort
 *     with no customers has all its periods at 0.
 * 21. medianDaysToCrossover: over the crossover customers as of asOf, days = daysBetween(day of the
 *     first counted TikTok order, crossover date) (whole local days, ≥ 0); the median (the mean of the
 *     two middle values for an even count), null when there is no crossover customer.
 * 22. daysToCrossover: the four buckets WITHIN_7_DAYS (0–7), WITHIN_30_DAYS (8–30), WITHIN_90_DAYS
 *     (31–90), LATER (91+) in that order, each with customers and share = customers ÷ crossover
 *     customers (0 when there are none).
 */
import {
  type CohortPeriodKind,
  type CrossoverBucketKind,
  type CrossoverLagKind,
  CROSSOVER_BUCKET_KINDS,
  CROSSOVER_LAG_BUCKETS,
  DateRangeError,
  type DayWindow,
  type IsoDay,
  type WeekStart,
  addDays,
  averageOrderValueCents,
  cohortPeriodOf,
  cohortPeriodsUpTo,
  crossoverBucketOf,
  crossoverLagBucketOf,
  dayBuckets,
  dayInZone,
  daysBetween,
  isCounted,
  last7Days,
  parseIsoDateTime,
  parseIsoDay,
  previousWindow,
  ratio0,
  resolveWeekRange,
  share,
  wallClockHourOfWeek,
  weekBuckets,
  weekEndOf,
  weekStartOf,
} from '@tiktok-insights/shared';
import { addressKey } from '../modules/address/address-key.js';
import type { AddressData, CustomerData, OrderData, OrderLineData, OrderStatus } from '../modules/orders/order-input.js';

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
  /** The ordering of `topProducts` and of `previousRank` (reading 19); default UNITS_SOLD. */
  topProductsOrderBy?: TopProductsOrderBy;
  /** `cohorts(by:)` (reading 20); default MONTH. */
  cohortBy?: CohortPeriodKind;
  /** `cohorts(first:)` (reading 20); default 12. */
  cohortFirst?: number;
}

export type TopProductsOrderBy = 'UNITS_SOLD' | 'TOTAL_SALES';

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
  previousUnitsSold: number;
  previousRank: number | null;
}

export interface HourOfWeekCell {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
  orders: number;
  netReceiptsCents: number;
}

export interface CancellationSummary {
  cancelledOrders: number;
  refundedOrders: number;
  lostNetReceiptsCents: number;
  rate: number | null;
}

export interface Period {
  start: IsoDay;
  end: IsoDay;
  summary: Summary;
  previous: Summary;
  series: Point[];
  topProducts: TopProductRow[];
  hourOfWeek: HourOfWeekCell[];
  cancellations: CancellationSummary;
  previousCancellations: CancellationSummary;
}

export interface CohortPeriodPoint {
  index: number;
  start: IsoDay;
  end: IsoDay;
  activeCustomers: number;
  cumulativeCrossoverCustomers: number;
}

export interface CohortRow {
  start: IsoDay;
  end: IsoDay;
  customers: number;
  periods: CohortPeriodPoint[];
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

export interface CrossoverLagRow {
  bucket: CrossoverLagKind;
  customers: number;
  share: number;
}

export interface CrossoverReference {
  sourcedCustomers: number;
  crossoverCustomers: number;
  crossoverRate: number;
  crossoverNonTikTokNetReceiptsCents: number;
  orderBreakdown: CrossoverBucketRow[];
  cumulativeByWeek: CrossoverWeekRow[];
  customers: CrossoverCustomerRow[];
  medianDaysToCrossover: number | null;
  daysToCrossover: CrossoverLagRow[];
}

export interface ReferenceInsights {
  asOf: IsoDay;
  allTime: Summary;
  last7Days: Period;
  dateRange: Period;
  customers: MarketingCustomer[];
  crossover: CrossoverReference;
  cohorts: CohortRow[];
}

// ---------------------------------------------------------------------------------------------
// The data set: counted orders up to asOf, and the latest customer and product records
// ---------------------------------------------------------------------------------------------

/** An order (the latest occurrence of its key) whose day is ≤ asOf, reduced to what the metrics read. */
interface PlacedOrder {
  /** A unique key of the order: `channel|externalId`. */
  key: string;
  isTikTok: boolean;
  status: OrderStatus;
  /** TikTok buyer id on TikTok orders, the store customer id otherwise. */
  customerId: string;
  placedAtMs: number;
  day: IsoDay;
  netReceiptsCents: number;
  lines: readonly OrderLineData[];
}

/** A placed order whose status is PAID, SHIPPED or DELIVERED. */
type CountedOrder = PlacedOrder;

interface DataSet {
  asOf: IsoDay;
  shop: ReferenceShop;
  tiktokOrders: CountedOrder[];
  /** TikTok orders up to asOf that do not count (UNPAID, CANCELLED, REFUNDED): for cancellations. */
  uncountedTikTokOrders: PlacedOrder[];
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

function placedOrdersUpTo(orders: readonly OrderData[], timezone: string, asOf: IsoDay): PlacedOrder[] {
  const placed: PlacedOrder[] = [];
  for (const order of latestOrderPerKey(orders)) {
    const placedAt = parseIsoDateTime(order.placedAt);
    const day = dayInZone(placedAt, timezone);
    if (!isDayOnOrBefore(day, asOf)) continue;
    placed.push({
      key: orderKeyOf(order),
      isTikTok: order.channel === 'TIKTOK',
      status: order.status,
      customerId: order.customer.externalId,
      placedAtMs: placedAt.getTime(),
      day,
      netReceiptsCents: netReceiptsOf(order),
      lines: order.lines,
    });
  }
  return placed;
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
  const placed = placedOrdersUpTo(orders, shop.timezone, asOf);
  const allOrders = placed.filter((o) => isCounted(o.status));
  const tiktokOrders = allOrders.filter((o) => o.isTikTok);
  return {
    asOf,
    shop,
    allOrders,
    tiktokOrders,
    uncountedTikTokOrders: placed.filter((o) => o.isTikTok && !isCounted(o.status)),
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

interface ProductTotal {
  productExternalId: string;
  productName: string;
  sku: string | null;
  unitsSold: number;
  totalSalesCents: number;
}

/** Every product sold by counted TikTok orders in the window, with its latest name and sku, unranked. */
function productTotalsOf(data: DataSet, window: DayWindow): ProductTotal[] {
  const totals = new Map<string, { unitsSold: number; totalSalesCents: number }>();
  for (const order of ordersWithin(data.tiktokOrders, window)) {
    for (const line of order.lines) {
      const total = totals.get(line.productExternalId) ?? { unitsSold: 0, totalSalesCents: 0 };
      total.unitsSold += line.quantity;
      total.totalSalesCents += line.quantity * line.unitPriceCents;
      totals.set(line.productExternalId, total);
    }
  }
  return [...totals].map(([productExternalId, total]) => {
    const latest = data.latestProductLine.get(productExternalId);
    return {
      productExternalId,
      productName: latest?.productName ?? '',
      sku: latest?.sku ?? null,
      unitsSold: total.unitsSold,
      totalSalesCents: total.totalSalesCents,
    };
  });
}

/** Readings 8 and 19: the first two keys by the ordering, then name and external id (code units). */
function compareProducts(orderBy: TopProductsOrderBy): (a: ProductTotal, b: ProductTotal) => number {
  const byNameThenId = (a: ProductTotal, b: ProductTotal) =>
    compareCodeUnits(a.productName, b.productName) || compareCodeUnits(a.productExternalId, b.productExternalId);
  if (orderBy === 'TOTAL_SALES') {
    return (a, b) => b.totalSalesCents - a.totalSalesCents || b.unitsSold - a.unitsSold || byNameThenId(a, b);
  }
  return (a, b) => b.unitsSold - a.unitsSold || b.totalSalesCents - a.totalSalesCents || byNameThenId(a, b);
}

function rankedProducts(data: DataSet, window: DayWindow, orderBy: TopProductsOrderBy): Array<ProductTotal & { rank: number }> {
  return productTotalsOf(data, window)
    .sort(compareProducts(orderBy))
    .map((row, index) => ({ rank: index + 1, ...row }));
}

function topProductsOf(data: DataSet, window: DayWindow, orderBy: TopProductsOrderBy): TopProductRow[] {
  const previous = new Map(rankedProducts(data, previousWindow(window), orderBy).map((row) => [row.productExternalId, row]));
  return rankedProducts(data, window, orderBy).map((row) => {
    const before = previous.get(row.productExternalId);
    return { ...row, previousUnitsSold: before?.unitsSold ?? 0, previousRank: before?.rank ?? null };
  });
}

const HOURS_PER_DAY = 24;
const DAYS_PER_WEEK = 7;

/** Reading 17. */
function hourOfWeekOf(data: DataSet, window: DayWindow): HourOfWeekCell[] {
  const cells: HourOfWeekCell[] = [];
  for (let weekday = 1; weekday <= DAYS_PER_WEEK; weekday++) {
    for (let hour = 0; hour < HOURS_PER_DAY; hour++) cells.push({ weekday, hour, orders: 0, netReceiptsCents: 0 });
  }
  for (const order of ordersWithin(data.tiktokOrders, window)) {
    const { weekday, hour } = wallClockHourOfWeek(order.placedAtMs, data.shop.timezone);
    const cell = cells[(weekday - 1) * HOURS_PER_DAY + hour];
    if (cell === undefined || cell.weekday !== weekday || cell.hour !== hour) {
      throw new Error(`No hour-of-week cell for weekday ${weekday}, hour ${hour}`);
    }
    cell.orders += 1;
    cell.netReceiptsCents += order.netReceiptsCents;
  }
  return cells;
}

/** Reading 18. */
function cancellationsOf(data: DataSet, window: DayWindow): CancellationSummary {
  const uncounted = data.uncountedTikTokOrders.filter((o) => isDayWithin(o.day, window));
  const cancelled = uncounted.filter((o) => o.status === 'CANCELLED');
  const refunded = uncounted.filter((o) => o.status === 'REFUNDED');
  const lost = cancelled.length + refunded.length;
  const counted = ordersWithin(data.tiktokOrders, window).length;
  return {
    cancelledOrders: cancelled.length,
    refundedOrders: refunded.length,
    lostNetReceiptsCents: sumNet(cancelled) + sumNet(refunded),
    rate: share(lost, lost + counted),
  };
}

function periodOf(data: DataSet, window: DayWindow, buckets: readonly DayWindow[], options: ReferenceOptions): Period {
  return {
    start: window.start,
    end: window.end,
    summary: windowSummary(data, window),
    previous: windowSummary(data, previousWindow(window)),
    series: buckets.map((bucket) => pointOf(data, bucket)),
    topProducts: topProductsOf(data, window, options.topProductsOrderBy ?? 'UNITS_SOLD'),
    hourOfWeek: hourOfWeekOf(data, window),
    cancellations: cancellationsOf(data, window),
    previousCancellations: cancellationsOf(data, previousWindow(window)),
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
  storeOrdersByKey: ReadonlyMap<string, CountedOrder[]>,
): CrossoverStanding {
  const firstTikTokOrder = earliestOrder(tiktokOrders);
  const key = keyOf(latestTikTokCustomerData(data, tiktokCustomerId).address);
  const storeOrdersAtKey = storeOrdersByKey.get(key) ?? [];
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

/** Reading 21: whole local days from the first counted TikTok order's day to the crossover date. */
function daysToCrossoverOf(standing: CrossoverStanding): number {
  return daysBetween(standing.firstTikTokOrder.day, firstCrossoverOrderOf(standing).day);
}

/** Reading 21: the middle value of the sorted list, or the mean of the two middle ones. */
function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Reading 22. */
function crossoverLagsOf(crossovers: readonly CrossoverStanding[]): CrossoverLagRow[] {
  return CROSSOVER_LAG_BUCKETS.map((bucket) => {
    const customers = crossovers.filter((s) => crossoverLagBucketOf(daysToCrossoverOf(s)) === bucket).length;
    return { bucket, customers, share: ratio0(customers, crossovers.length) };
  });
}

function crossoverStandingsOf(data: DataSet, options: ReferenceOptions): CrossoverStanding[] {
  const keyOf = options.addressKeyOf ?? addressKey;
  // Each store order's key once (reading 9), not once per TikTok customer.
  const storeOrdersByKey = new Map<string, CountedOrder[]>();
  for (const order of data.storeOrders) {
    const key = storeOrderAddressKey(data, order, keyOf);
    const atKey = storeOrdersByKey.get(key);
    if (atKey === undefined) storeOrdersByKey.set(key, [order]);
    else atKey.push(order);
  }
  return [...ordersByCustomer(data.tiktokOrders)].map(([id, orders]) => crossoverStandingOf(data, id, orders, keyOf, storeOrdersByKey));
}

function crossoverOf(data: DataSet, standings: readonly CrossoverStanding[], options: ReferenceOptions): CrossoverReference {
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
    medianDaysToCrossover: medianOf(crossovers.map(daysToCrossoverOf)),
    daysToCrossover: crossoverLagsOf(crossovers),
  };
}

// ---------------------------------------------------------------------------------------------
// Cohorts
// ---------------------------------------------------------------------------------------------

const DEFAULT_COHORT_PERIOD: CohortPeriodKind = 'MONTH';
const DEFAULT_COHORT_COUNT = 12;

/** The periods from the cohort's own to the one holding asOf, oldest first. */
function periodsThrough(cohort: DayWindow, asOf: IsoDay, by: CohortPeriodKind, weekStartsOn: WeekStart): DayWindow[] {
  const periods = [cohort];
  while ((periods.at(-1) as DayWindow).end < asOf) {
    periods.push(cohortPeriodOf(addDays((periods.at(-1) as DayWindow).end, 1), by, weekStartsOn));
  }
  return periods;
}

/** Reading 20. */
function cohortsOf(data: DataSet, standings: readonly CrossoverStanding[], options: ReferenceOptions): CohortRow[] {
  const by = options.cohortBy ?? DEFAULT_COHORT_PERIOD;
  const weekStartsOn = data.shop.weekStartsOn;
  const orderDaysByCustomer = new Map([...ordersByCustomer(data.tiktokOrders)].map(([id, orders]) => [id, orders.map((o) => o.day)]));
  const crossoverDayByCustomer = new Map(
    standings.filter(isCrossover).map((s) => [s.tiktokCustomerId, firstCrossoverOrderOf(s).day]),
  );
  return cohortPeriodsUpTo(data.asOf, options.cohortFirst ?? DEFAULT_COHORT_COUNT, by, weekStartsOn).map((cohort) => {
    const members = [...data.firstTikTokDayByCustomer]
      .filter(([, firstDay]) => isDayWithin(firstDay, cohort))
      .map(([id]) => id);
    const spans = periodsThrough(cohort, data.asOf, by, weekStartsOn);
    const periods = spans.map((span, index): CohortPeriodPoint => {
      const through = index === spans.length - 1 ? data.asOf : span.end;
      return {
        index,
        start: span.start,
        end: span.end,
        activeCustomers: members.filter((id) => (orderDaysByCustomer.get(id) ?? []).some((day) => isDayWithin(day, span))).length,
        cumulativeCrossoverCustomers: members.filter((id) => {
          const crossoverDay = crossoverDayByCustomer.get(id);
          return crossoverDay !== undefined && isDayOnOrBefore(crossoverDay, through);
        }).length,
      };
    });
    return { start: cohort.start, end: cohort.end, customers: members.length, periods };
  });
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/** Every metric of spec sections 4 and 11 for `asOf`, from the orders as imported (in import order). */
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
  const standings = crossoverStandingsOf(data, options);
  return {
    asOf,
    // allTime = every day up to and including asOf: exactly the counted TikTok orders of the data set.
    allTime: summaryOf(data.tiktokOrders, shop.aovTargetCents),
    last7Days: periodOf(data, last7, dayBuckets(last7), options),
    dateRange: periodOf(data, range, weekBuckets(range, shop.weekStartsOn), options),
    customers: marketingListOf(data),
    crossover: crossoverOf(data, standings, options),
    cohorts: cohortsOf(data, standings, options),
  };
}
