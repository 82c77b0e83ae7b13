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
// be readable the moment they arrive.
Chart.defaults.animation = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? false : { duration: 250 };

export { Chart };
