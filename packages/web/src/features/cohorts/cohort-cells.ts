import { chartNeedsYear, formatDay, formatDayWithYear } from '../../format/dates';
import { formatCount } from '../../format/numbers';

export type CohortPeriodKind = 'MONTH' | 'WEEK';
/** What a cell shows: customers who ordered again on TikTok, or who had crossed over to the store. */
export type CohortMeasure = 'repeat' | 'crossover';

export interface CohortPoint {
  index: number;
  start: string;
  end: string;
  activeCustomers: number;
  cumulativeCrossoverCustomers: number;
}

export interface CohortRow {
  start: string;
  end: string;
  customers: number;
  periods: readonly CohortPoint[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 2026" for a month starting 2026-11-01. */
export function monthLabel(start: string): string {
  return `${MONTHS[Number(start.slice(5, 7)) - 1]} ${start.slice(0, 4)}`;
}

/**
 * How periods are named: a row's label ("Nov 2026", "Nov 16") and a period in a sentence ("in Jan
 * 2027", "in the week of Nov 23"); weeks carry their year when the cohorts span another year than asOf's.
 */
export function periodNames(kind: CohortPeriodKind, cohorts: readonly CohortRow[], asOf: string) {
  if (kind === 'MONTH') return { row: (c: { start: string }) => monthLabel(c.start), inPeriod: (p: { start: string }) => `in ${monthLabel(p.start)}` };
  const withYear = chartNeedsYear(
    cohorts.map((c) => c.start),
    asOf,
  );
  const day = (d: string) => (withYear ? formatDayWithYear(d) : formatDay(d));
  return { row: (c: { start: string }) => day(c.start), inPeriod: (p: { start: string }) => `in the week of ${day(p.start)}` };
}

/** The counted customers of a cell for the measure shown. */
export function cellCount(point: CohortPoint, measure: CohortMeasure): number {
  return measure === 'repeat' ? point.activeCustomers : point.cumulativeCrossoverCustomers;
}

/** A cell's share of its cohort: "30%", "<1%" for a few of many, "—" for a cohort without customers. */
export function cohortPercent(count: number, customers: number): string {
  if (customers === 0) return '—';
  const ratio = count / customers;
  if (count > 0 && ratio < 0.005) return '<1%';
  return `${Math.round(ratio * 100)}%`;
}

const customersWord = (n: number) => (n === 1 ? 'customer' : 'customers');

/**
 * What a cell tells on hover or focus: "12 of 40 customers ordered again on TikTok in Jan 2027;
 * 5 had shopped in your store by then". `inPeriod` names a period in a sentence ("in Jan 2027");
 * the last period of a row is the one under way.
 */
export function cellSentence(cohort: CohortRow, point: CohortPoint, inPeriod: (period: { start: string }) => string): string {
  const last = cohort.periods.at(-1);
  const soFar = (period: { start: string }) => `${inPeriod(period)}${last && period.start === last.start ? ' (so far)' : ''}`;
  if (cohort.customers === 0) return `No customers placed their first TikTok order ${soFar(cohort)}`;
  const when = soFar(point);
  const crossed = `${formatCount(point.cumulativeCrossoverCustomers)} had shopped in your store by then`;
  if (point.index === 0) {
    return `${formatCount(cohort.customers)} ${customersWord(cohort.customers)} placed their first TikTok order ${when}; ${crossed}`;
  }
  return `${formatCount(point.activeCustomers)} of ${formatCount(cohort.customers)} ${customersWord(cohort.customers)} ordered again on TikTok ${when}; ${crossed}`;
}

/**
 * The colour step (0–5) of each cell, against the highest share shown. In the repeat view the
 * cohort's own period is always everyone (100%) and is left out of the scale (it has a colour of its own).
 */
export function shareLevels(cohorts: readonly CohortRow[], measure: CohortMeasure) {
  const scaled = (c: CohortRow, p: CohortPoint) => c.customers > 0 && !(measure === 'repeat' && p.index === 0);
  let peak = 0;
  for (const c of cohorts) for (const p of c.periods) if (scaled(c, p)) peak = Math.max(peak, cellCount(p, measure) / c.customers);
  const level = (c: CohortRow, p: CohortPoint): number | 'base' | 'none' => {
    if (c.customers === 0) return 'none';
    if (!scaled(c, p)) return 'base';
    const share = cellCount(p, measure) / c.customers;
    return share <= 0 || peak <= 0 ? 0 : Math.max(1, Math.min(5, Math.ceil((share / peak) * 5)));
  };
  return { peak, level };
}
