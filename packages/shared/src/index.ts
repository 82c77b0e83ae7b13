export { InvalidDateError, DateRangeError } from './errors';
export {
  type IsoDay,
  type WeekStart,
  WEEK_STARTS,
  addDays,
  daysBetween,
  compareDays,
  dayOfWeek,
  weekStartOf,
  weekEndOf,
  isWeekStart,
  isLeapYear,
  daysInMonth,
  isoWeekday,
} from './calendar-day';
export {
  isValidTimeZone,
  canonicalTimeZone,
  dayInZone,
  todayInZone,
  zonedInstant,
  zoneOffsetMs,
  formatWithOffset,
  formatUtcOffset,
  steadyOffsetOfDay,
  wallClockHourOfWeek,
} from './time-zone';
export { parseIsoDay, parseIsoDateTime } from './iso-parse';
export {
  type DayWindow,
  DEFAULT_RANGE_WEEKS,
  MAX_RANGE_WEEKS,
  last7Days,
  defaultWeekRange,
  resolveWeekRange,
  previousWindow,
  windowLength,
  windowContains,
  windowInstants,
} from './windows';
export { dayBuckets, weekBuckets, bucketIndexOf, sumByBucket } from './buckets';
export {
  isValidCurrency,
  currencyMinorDigits,
  minorUnitsToDecimal,
  formatMoney,
  averageOrderValueCents,
  share,
  ratio0,
} from './money';
export { COUNTED_STATUSES, type CountedStatus, isCounted } from './order-status';
export {
  type MetricSummaryData,
  type PeriodPointData,
  type PeriodInsightsData,
  type ProductData,
  type TopProductData,
  type CrossoverWeekData,
  type CrossoverBucketKind,
  type CrossoverBucketData,
  type CrossoverSummaryData,
  CROSSOVER_BUCKET_KINDS,
} from './metric-types';
export {
  type PeriodCounts,
  summarize,
  crossoverBucketOf,
  orderBreakdown,
  periodPoint,
  crossoverWeek,
} from './metrics';
export {
  CSV_BOM,
  CSV_LINE_END,
  type CsvContext,
  type CsvColumnDefinition,
  type CsvTableDefinition,
  csvField,
  csvLine,
  csvText,
  csvInteger,
  csvMoney,
  csvDateTime,
  csvStart,
  csvRecord,
  csvDocument,
} from './csv';
export type { PostalAddress } from './postal-address';
export {
  type MarketingCustomerCsvRow,
  type CrossoverCustomerCsvRow,
  type TopProductCsvRow,
  MARKETING_CUSTOMERS_CSV,
  CROSSOVER_CUSTOMERS_CSV,
  TOP_PRODUCTS_CSV,
} from './csv-tables';
export * from './order-files';
export * from './accounts';
export {
  type CohortPeriodKind,
  MAX_COHORTS,
  monthStartOf,
  monthEndOf,
  cohortPeriodOf,
  cohortPeriodsUpTo,
} from './cohort-periods';
export { CROSSOVER_LAG_BUCKETS, type CrossoverLagKind, crossoverLagBucketOf, medianOfCounts } from './crossover-lag';
