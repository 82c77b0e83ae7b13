import type { ChartData, ChartOptions } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { categoryAxis, countAxis, percentAxis } from './chart-axes';
import './register-chart-parts';

export interface StackedSeries {
  label: string;
  color: string;
  values: number[];
}

/**
 * Stacked bars: either counts, or percentages of a whole (`percent`), with tooltip lines that the
 * caller words (so a share can say its amount too).
 */
export function StackedBarChart({
  labels,
  titles,
  series,
  percent = false,
  tooltipLabel,
  ariaLabel,
}: {
  labels: string[];
  titles: string[];
  series: StackedSeries[];
  percent?: boolean;
  tooltipLabel: (seriesIndex: number, pointIndex: number) => string;
  ariaLabel: string;
}) {
  const data: ChartData<'bar', number[], string> = {
    labels,
    datasets: series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color, borderRadius: 2, maxBarThickness: 48 })),
  };
  const options: ChartOptions<'bar'> = {
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: { ...categoryAxis, stacked: true },
      y: { ...(percent ? percentAxis(100) : countAxis()), stacked: true },
    },
    plugins: {
      legend: { position: 'bottom' },
      tooltip: {
        // A series with nothing to say for a point (a week without sales) gets no empty line.
        filter: (item) => tooltipLabel(item.datasetIndex, item.dataIndex) !== '',
        callbacks: {
          title: (items) => titles[items[0]?.dataIndex ?? 0] ?? '',
          label: (item) => tooltipLabel(item.datasetIndex, item.dataIndex),
        },
      },
    },
  };
  return (
    <div className="chart">
      <Bar data={data} options={options} aria-label={ariaLabel} role="img" />
    </div>
  );
}
