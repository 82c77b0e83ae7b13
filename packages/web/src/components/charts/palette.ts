/**
 * The dashboard's chart colors, one meaning each, the same in every chart (and as CSS variables
 * in styles/app.css for legends and tiles).
 */
export const palette = {
  tiktok: '#e11d5c',
  tiktokSoft: 'rgba(225, 29, 92, 0.14)',
  store: '#2563eb',
  orders: '#111827',
  firstTime: '#0d9488',
  repeat: '#7c3aed',
  crossover: '#ea580c',
  crossoverSoft: 'rgba(234, 88, 12, 0.14)',
  sourced: '#64748b',
  grid: '#e5e7eb',
  text: '#4b5563',
  /** Crossover order breakdown: none, one, two, three or more. */
  buckets: ['#cbd5e1', '#fdba74', '#f97316', '#c2410c'],
} as const;
