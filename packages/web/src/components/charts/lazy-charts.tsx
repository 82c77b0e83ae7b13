import { lazy, Suspense, type ComponentProps } from 'react';
import { ChartSkeleton } from '../states/skeleton';

/*
 * The chart components, loaded in their own chunk (chart.js is the largest library of the page):
 * the tiles and tables show at once and each chart fills in its placeholder a moment later.
 */
const chartModules = {
  netReceiptsOrders: () => import('./net-receipts-orders-chart'),
  stackedBar: () => import('./stacked-bar-chart'),
  trendLine: () => import('./trend-line-chart'),
  categoryBar: () => import('./category-bar-chart'),
  doughnut: () => import('./doughnut-chart'),
};

/**
 * Starts loading every chart's chunk at once, so that a page which will draw charts fetches them
 * while its data is on the way, rather than one after another as each chart first renders.
 * Best effort: a chunk that fails to load here is loaded again when its chart renders, and that
 * load's failure is the one the page reports.
 */
export function preloadCharts(): void {
  for (const load of Object.values(chartModules)) load().catch(() => undefined);
}

const NetReceiptsOrdersChartImpl = lazy(() => chartModules.netReceiptsOrders().then((m) => ({ default: m.NetReceiptsOrdersChart })));
const StackedBarChartImpl = lazy(() => chartModules.stackedBar().then((m) => ({ default: m.StackedBarChart })));
const TrendLineChartImpl = lazy(() => chartModules.trendLine().then((m) => ({ default: m.TrendLineChart })));
const CategoryBarChartImpl = lazy(() => chartModules.categoryBar().then((m) => ({ default: m.CategoryBarChart })));
const DoughnutChartImpl = lazy(() => chartModules.doughnut().then((m) => ({ default: m.DoughnutChart })));

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
