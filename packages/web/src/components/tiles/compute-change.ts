export type ChangeKind = 'up' | 'down' | 'flat' | 'new' | 'none';

export interface Change {
  kind: ChangeKind;
  /** Signed percent change; null for "new" and "none". */
  percent: number | null;
  /** Whether the change is good news (null when neutral). */
  good: boolean | null;
}

/**
 * The change of a metric against its previous period: "new" when it was 0 and is now above it,
 * "none" when both are 0 (or missing). A missing value (AOV without orders) counts as 0.
 */
export function computeChange(current: number | null | undefined, previous: number | null | undefined, higherIsBetter = true): Change {
  const now = current ?? 0;
  const before = previous ?? 0;
  if (before === 0 && now === 0) return { kind: 'none', percent: null, good: null };
  if (before === 0) return { kind: 'new', percent: null, good: now > 0 === higherIsBetter };
  const percent = ((now - before) / Math.abs(before)) * 100;
  if (percent === 0) return { kind: 'flat', percent: 0, good: null };
  const up = percent > 0;
  return { kind: up ? 'up' : 'down', percent, good: up === higherIsBetter };
}

/** "12.3%" (no sign: the arrow says the direction). */
export function formatChangePercent(percent: number): string {
  const abs = Math.abs(percent);
  return `${abs >= 100 ? abs.toFixed(0) : abs.toFixed(1)}%`;
}
