import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { palette } from './palette';

/**
 * The chart.js parts the dashboard uses, registered once for the whole app (tree-shaking keeps
 * the rest out of the bundle). Every chart component imports this module.
 */
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  DoughnutController,
  ArcElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
  Filler,
);

Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--font-sans').trim() || 'system-ui, sans-serif';
Chart.defaults.color = palette.text;
Chart.defaults.borderColor = palette.grid;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.plugins.legend.labels.boxWidth = 12;
Chart.defaults.plugins.legend.labels.boxHeight = 12;
Chart.defaults.plugins.tooltip.padding = 10;
// A short entrance, and none for people who ask their system for less motion: numbers should
// be readable the moment they arrive. Only durations are set: chart.js takes the names of its
// animation options (easing, type, fn…) from its own default objects, and an animation missing
// them breaks on the first hover and stops the chart from redrawing.
const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
// (The type allows `false`; chart.js's own default is always an object.)
if (Chart.defaults.animation) Chart.defaults.animation.duration = reduceMotion ? 0 : 250;
if (reduceMotion) {
  // Hover highlights and tooltips have durations of their own.
  const hover = Chart.defaults.transitions['active']?.animation;
  if (hover) hover.duration = 0;
  const tooltip = Chart.defaults.plugins.tooltip;
  if (tooltip.animation) tooltip.animation.duration = 0;
  for (const animation of Object.values(tooltip.animations)) animation.duration = 0;
}

export { Chart };
