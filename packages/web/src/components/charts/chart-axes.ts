import type { TooltipItem } from 'chart.js';
import { currencyMinorDigits, formatMoney } from '@tiktok-insights/shared';
import { formatMoneyCompact } from '../../format/numbers';

/**
 * A y axis of money: ticks like "$12K" in the shop's currency (values are minor units). With no
 * sales, or only a few cents, chart.js would split 0–1 into fractions of a cent: the axis reaches
 * at least 10 currency units, so its steps are whole units; the label rounds whatever it gets.
 */
export function moneyAxis(currency: string, position: 'left' | 'right' = 'left') {
  return {
    type: 'linear' as const,
    position,
    beginAtZero: true,
    suggestedMax: 10 * 10 ** currencyMinorDigits(currency),
    ticks: { callback: (value: string | number) => formatMoneyCompact(Math.round(Number(value)), currency), precision: 0, maxTicksLimit: 6 },
  };
}

export function countAxis(position: 'left' | 'right' = 'left', showGrid = true) {
  return {
    type: 'linear' as const,
    position,
    beginAtZero: true,
    grid: { drawOnChartArea: showGrid },
    ticks: { precision: 0, maxTicksLimit: 6 },
  };
}

export function percentAxis(max?: number) {
  return {
    type: 'linear' as const,
    beginAtZero: true,
    ...(max === undefined ? {} : { max }),
    ticks: { callback: (value: string | number) => `${Number(value)}%`, maxTicksLimit: 6 },
  };
}

export const categoryAxis = {
  type: 'category' as const,
  grid: { display: false },
  // The labels are dates of one width: a few of them tell how many fit (chart.js measures every one otherwise).
  ticks: { autoSkip: true, maxRotation: 0, autoSkipPadding: 12, sampleSize: 8 },
};

/** Tooltip line for an amount in minor units: "Net receipts: $1,234.50". */
export function moneyTooltip(currency: string) {
  return (item: TooltipItem<'bar' | 'line'>) => `${item.dataset.label ?? ''}: ${formatMoney(Number(item.raw), currency)}`;
}
