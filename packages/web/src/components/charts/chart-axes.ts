import type { TooltipItem } from 'chart.js';
import { formatMoney } from '@tiktok-insights/shared';
import { formatMoneyCompact } from '../../format/numbers';

/** A y axis of money: ticks like "$12K" in the shop's currency (values are minor units). */
export function moneyAxis(currency: string, position: 'left' | 'right' = 'left') {
  return {
    type: 'linear' as const,
    position,
    beginAtZero: true,
    ticks: { callback: (value: string | number) => formatMoneyCompact(Number(value), currency), maxTicksLimit: 6 },
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
  ticks: { autoSkip: true, maxRotation: 0, autoSkipPadding: 12 },
};

/** Tooltip line for an amount in minor units: "Net receipts: $1,234.50". */
export function moneyTooltip(currency: string) {
  return (item: TooltipItem<'bar' | 'line'>) => `${item.dataset.label ?? ''}: ${formatMoney(Number(item.raw), currency)}`;
}
