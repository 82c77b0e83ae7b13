import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, vi } from 'vitest';

// jsdom has no canvas: charts render as a labelled placeholder with their data in the tests.
vi.mock('react-chartjs-2', () => {
  const stub = (props: { data: { labels?: unknown[] }; 'aria-label'?: string }) =>
    createElement('canvas', { role: 'img', 'aria-label': props['aria-label'], 'data-points': props.data.labels?.length ?? 0 });
  return { Chart: stub, Bar: stub, Line: stub, Doughnut: stub };
});

afterEach(() => {
  cleanup();
  localStorage.clear();
});
