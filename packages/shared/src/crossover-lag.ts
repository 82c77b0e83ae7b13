/** How long a crossover customer took to buy in the store: days from their first TikTok order to their crossover date. */
export const CROSSOVER_LAG_BUCKETS = ['WITHIN_7_DAYS', 'WITHIN_30_DAYS', 'WITHIN_90_DAYS', 'LATER'] as const;
export type CrossoverLagKind = (typeof CROSSOVER_LAG_BUCKETS)[number];

export function crossoverLagBucketOf(days: number): CrossoverLagKind {
  if (days <= 7) return 'WITHIN_7_DAYS';
  if (days <= 30) return 'WITHIN_30_DAYS';
  if (days <= 90) return 'WITHIN_90_DAYS';
  return 'LATER';
}

/**
 * The median of values given as (value, how many) pairs, in any order: the middle value, or the
 * mean of the two middle ones for an even count; null when there are none.
 */
export function medianOfCounts(counts: ReadonlyArray<readonly [value: number, count: number]>): number | null {
  const sorted = counts.filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  // The values at 0-based positions lower and upper of the sorted list (equal for an odd count).
  const lower = Math.floor((total - 1) / 2);
  const upper = Math.floor(total / 2);
  let seen = 0;
  let lowerValue: number | null = null;
  for (const [value, n] of sorted) {
    if (lowerValue === null && lower < seen + n) lowerValue = value;
    if (upper < seen + n) return (lowerValue! + value) / 2;
    seen += n;
  }
  throw new Error('unreachable: the median lies within the counts');
}
