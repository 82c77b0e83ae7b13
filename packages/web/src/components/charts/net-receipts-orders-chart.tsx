import type { ChartData, ChartOptions, TooltipItem } from 'chart.js';
import { Chart } from 'react-chartjs-2';
import { formatMoney } from '@tiktok-insights/shared';
import { formatCount } from '../../format/numbers';
import { categoryAxis, countAxis, moneyAxis } from './chart-axes';
import { palette } from './palette';
import './register-chart-parts';

export interface NetReceiptsOrdersPoint {
  label: string;
  title: string;
  netReceiptsCents: number;
  orders: number;
}

/**
 * Net receipts as bars (money axis, left) and orders as a line (count axis, right). `currency` is
 * the amounts' (absent only when there are no amounts at all: the left axis then counts).
 */
export function NetReceiptsOrdersChart({ points, currency, ariaLabel }: { points: NetReceiptsOrdersPoint[]; currency: string | undefined; ariaLabel: string }) {
  const data: ChartData<'bar' | 'line', number[], string> = {
    labels: points.map((p) => p.label),
    datasets: [
      {
        type: 'bar' as const,
        label: 'Net receipts',
        data: points.map((p) => p.netReceiptsCents),
        backgroundColor: palette.tiktok,
        borderRadius: 4,
        yAxisID: 'money',
        order: 2,
      },
      {
        type: 'line' as const,
        label: 'Orders',
        data: points.map((p) => p.orders),
        borderColor: palette.orders,
        backgroundColor: palette.orders,
        pointRadius: 3,
        tension: 0.3,
        yAxisID: 'orders',
        order: 1,
      },
    ],
  };
  const options: ChartOptions<'bar' | 'line'> = {
    interaction: { mode: 'index', intersect: false },
    scales: { x: categoryAxis, money: currency ? moneyAxis(currency, 'left') : countAxis('left'), orders: countAxis('right', false) },
    plugins: {
      legend: { position: 'bottom' },
      tooltip: {
        callbacks: {
          title: (items) => points[items[0]?.dataIndex ?? 0]?.title ?? '',
          label: (item: TooltipItem<'bar' | 'line'>) =>
            item.dataset.yAxisID === 'money'
              ? `Net receipts: ${currency ? formatMoney(Number(item.raw), currency) : formatCount(Number(item.raw))}`
              : `Orders: ${formatCount(Number(item.raw))}`,
        },
      },
    },
  };
  return (
    <div className="chart">
      <Chart type="bar" data={data as ChartData<'bar', number[], string>} options={options as ChartOptions<'bar'>} aria-label={ariaLabel} role="img" />
    </div>
  );
}
