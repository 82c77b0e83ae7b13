import { lazy, Suspense, type ComponentProps, type ComponentType } from 'react';
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
type ChartModules = typeof chartModules;
type ChartModule<K extends keyof ChartModules> = Awaited<ReturnType<ChartModules[K]>>;

/** The chunks in so far, by chart. */
const loaded = new Map<keyof ChartModules, unknown>();

async function load<K extends keyof ChartModules>(name: K): Promise<ChartModule<K>> {
  const module = (await chartModules[name]()) as ChartModule<K>;
  loaded.set(name, module);
  return module;
}

/**
 * Starts loading every chart's chunk at once, so that a page which will draw charts fetches them
 * while its data is on the way, rather than one after another as each chart first renders.
 * Best effort: a chunk that fails to load here is loaded again when its chart renders, and that
 * load's failure is the one the page reports.
 */
export async function preloadCharts(): Promise<void> {
  const names = Object.keys(chartModules) as (keyof ChartModules)[];
  await Promise.all(names.map((name) => load(name).catch(() => undefined)));
}

/**
 * A chart loaded with React.lazy. Once its chunk is in (preloaded while the page's data was on the
 * way), the component is handed over at once: React.lazy takes a thenable that calls back during
 * the render, so the chart draws in the same pass as the rest of the page, where a promise would
 * show the placeholder first and the chart only in a later render.
 */
function lazyChart<K extends keyof ChartModules, P extends object>(name: K, component: (module: ChartModule<K>) => ComponentType<P>) {
  return lazy(() => {
    const module = loaded.get(name) as ChartModule<K> | undefined;
    if (!module) return load(name).then((loadedModule) => ({ default: component(loadedModule) }));
    const ready = { default: component(module) };
    const thenable = { then: (resolve: (value: typeof ready) => void) => resolve(ready) };
    return thenable as unknown as Promise<typeof ready>;
  });
}

const NetReceiptsOrdersChartImpl = lazyChart('netReceiptsOrders', (m) => m.NetReceiptsOrdersChart);
const StackedBarChartImpl = lazyChart('stackedBar', (m) => m.StackedBarChart);
const TrendLineChartImpl = lazyChart('trendLine', (m) => m.TrendLineChart);
const CategoryBarChartImpl = lazyChart('categoryBar', (m) => m.CategoryBarChart);
const DoughnutChartImpl = lazyChart('doughnut', (m) => m.DoughnutChart);
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
