import type { ChartData, ChartOptions } from 'chart.js';
import { Line } from 'react-chartjs-2';
import { categoryAxis, countAxis, percentAxis } from './chart-axes';
import './register-chart-parts';

/** One filled line over weeks: a cumulative count, or a percentage (`percent`). */
export function TrendLineChart({
  labels,
  titles,
  values,
  label,
  color,
  fill,
  percent = false,
  tooltipLabel,
  ariaLabel,
}: {
  labels: string[];
  titles: string[];
  values: number[];
  label: string;
  color: string;
  fill: string;
  percent?: boolean;
  tooltipLabel: (pointIndex: number) => string[];
  ariaLabel: string;
}) {
  const data: ChartData<'line', number[], string> = {
    labels,
    datasets: [
      {
        label,
        data: values,
        borderColor: color,
        backgroundColor: fill,
        fill: true,
        pointRadius: values.length > 30 ? 0 : 3,
        pointHoverRadius: 4,
        tension: 0.25,
      },
    ],
  };
  const options: ChartOptions<'line'> = {
    interaction: { mode: 'index', intersect: false },
    scales: { x: categoryAxis, y: percent ? percentAxis() : countAxis() },
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          title: (items) => titles[items[0]?.dataIndex ?? 0] ?? '',
          label: (item) => tooltipLabel(item.dataIndex),
        },
      },
    },
  };
  return (
    <div className="chart">
      <Line data={data} options={options} aria-label={ariaLabel} role="img" />
    </div>
  );
}
