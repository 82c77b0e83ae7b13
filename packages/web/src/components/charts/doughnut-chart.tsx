import type { ChartData, ChartOptions } from 'chart.js';
import { Doughnut } from 'react-chartjs-2';
import './register-chart-parts';

export interface DoughnutSlice {
  label: string;
  value: number;
  color: string;
  tooltip: string;
}

export function DoughnutChart({ slices, ariaLabel }: { slices: DoughnutSlice[]; ariaLabel: string }) {
  const data: ChartData<'doughnut', number[], string> = {
    labels: slices.map((s) => s.label),
    datasets: [{ data: slices.map((s) => s.value), backgroundColor: slices.map((s) => s.color), borderWidth: 2 }],
  };
  const options: ChartOptions<'doughnut'> = {
    cutout: '62%',
    plugins: {
      legend: { position: 'bottom' },
      tooltip: { callbacks: { label: (item) => slices[item.dataIndex]?.tooltip ?? '' } },
    },
  };
  return (
    <div className="chart chart--doughnut">
      <Doughnut data={data} options={options} aria-label={ariaLabel} role="img" />
    </div>
  );
}
