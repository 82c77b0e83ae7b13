import type { IsoDay } from './calendar-day';

// Plain shapes of the metrics of spec section 5; money is integer minor units (cents), turned into
// `Money { cents currency formatted }` only at the GraphQL edge.

export interface MetricSummaryData {
  totalOrders: number;
  netReceiptsCents: number;
  /** null when there are no orders. */
  averageOrderValueCents: number | null;
  uniqueCustomers: number;
  aovBelowTarget: boolean;
}

export interface PeriodPointData {
  start: IsoDay;
  end: IsoDay;
  orders: number;
  netReceiptsCents: number;
  allChannelsNetReceiptsCents: number;
  nonTikTokNetReceiptsCents: number;
  /** TikTok net receipts ÷ all channels' net receipts; null when that total is 0. */
  tiktokShare: number | null;
  uniqueCustomers: number;
  firstTimeCustomers: number;
  repeatCustomers: number;
}

export interface PeriodInsightsData {
  start: IsoDay;
  end: IsoDay;
  summary: MetricSummaryData;
  previous: MetricSummaryData;
  series: PeriodPointData[];
}

export interface ProductData {
  id: string;
  externalId: string;
  name: string;
  sku: string | null;
}

export interface TopProductData {
  /** 1-based. */
  rank: number;
  product: ProductData;
  unitsSold: number;
  totalSalesCents: number;
}

export interface CrossoverWeekData {
  start: IsoDay;
  end: IsoDay;
  cumulativeSourcedCustomers: number;
  cumulativeCrossoverCustomers: number;
  crossoverRate: number;
}

export const CROSSOVER_BUCKET_KINDS = ['NONE', 'ONE', 'TWO', 'THREE_OR_MORE'] as const;
export type CrossoverBucketKind = (typeof CROSSOVER_BUCKET_KINDS)[number];

export interface CrossoverBucketData {
  bucket: CrossoverBucketKind;
  customers: number;
  /** Of the sourced customers; 0 when there are none. */
  share: number;
}

export interface CrossoverSummaryData {
  sourcedCustomers: number;
  crossoverCustomers: number;
  crossoverRate: number;
  crossoverNonTikTokNetReceiptsCents: number;
}
