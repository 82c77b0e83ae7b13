import type { ChartData, ChartOptions } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { categoryAxis, countAxis } from './chart-axes';
import './register-chart-parts';

export interface CategoryBar {
  label: string;
  value: number;
  /** The tooltip's title and lines for this bar. */
  title: string;
  lines: string[];
}

/** One bar per category (e.g. how long customers took), counted on the y axis; no legend. */
export function CategoryBarChart({ bars, color, ariaLabel, valueTitle }: { bars: CategoryBar[]; color: string; ariaLabel: string; valueTitle: string }) {
  const data: ChartData<'bar', number[], string> = {
    labels: bars.map((b) => b.label),
    datasets: [{ label: ariaLabel, data: bars.map((b) => b.value), backgroundColor: color, borderRadius: 4, maxBarThickness: 72 }],
  };
  const options: ChartOptions<'bar'> = {
    interaction: { mode: 'index', intersect: false },
    scales: { x: { ...categoryAxis, ticks: { ...categoryAxis.ticks, autoSkip: false } }, y: { ...countAxis(), title: { display: true, text: valueTitle } } },
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          title: (items) => bars[items[0]?.dataIndex ?? 0]?.title ?? '',
          label: (item) => bars[item.dataIndex]?.lines ?? [],
        },
      },
    },
  };
  return (
    <div className="chart chart--bars">
      <Bar data={data} options={options} aria-label={ariaLabel} role="img" />
    </div>
  );
}
