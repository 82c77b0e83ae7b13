import { lazy, Suspense, type ComponentProps } from 'react';
import { ChartSkeleton } from '../states/skeleton';

/*
 * The chart components, loaded in their own chunk (chart.js is the largest library of the page):
 * the tiles and tables show at once and each chart fills in its placeholder a moment later.
 */
const NetReceiptsOrdersChartImpl = lazy(() => import('./net-receipts-orders-chart').then((m) => ({ default: m.NetReceiptsOrdersChart })));
const StackedBarChartImpl = lazy(() => import('./stacked-bar-chart').then((m) => ({ default: m.StackedBarChart })));
const TrendLineChartImpl = lazy(() => import('./trend-line-chart').then((m) => ({ default: m.TrendLineChart })));
const CategoryBarChartImpl = lazy(() => import('./category-bar-chart').then((m) => ({ default: m.CategoryBarChart })));
const DoughnutChartImpl = lazy(() => import('./doughnut-chart').then((m) => ({ default: m.DoughnutChart })));

export function NetReceiptsOrdersChart(props: ComponentProps<typeof NetReceiptsOrdersChartImpl>) {
  return (
    <Suspense fallback={<ChartSkeleton />}>
      <NetReceiptsOrdersChartImpl {...props} />
    </Suspense>
  );
}

export function StackedBarChart(props: ComponentProps<typeof StackedBarChartImpl>) {
  return (
    <Suspense fallback={<ChartSkeleton />}>
      <StackedBarChartImpl {...props} />
    </Suspense>
  );
}

export function TrendLineChart(props: ComponentProps<typeof TrendLineChartImpl>) {
  return (
    <Suspense fallback={<ChartSkeleton />}>
      <TrendLineChartImpl {...props} />
    </Suspense>
  );
}

export function DoughnutChart(props: ComponentProps<typeof DoughnutChartImpl>) {
  return (
    <Suspense fallback={<ChartSkeleton />}>
      <DoughnutChartImpl {...props} />
    </Suspense>
  );
}

export function CategoryBarChart(props: ComponentProps<typeof CategoryBarChartImpl>) {
  return (
    <Suspense fallback={<ChartSkeleton />}>
      <CategoryBarChartImpl {...props} />
    </Suspense>
  );
}
