import type { Page } from 'playwright-core';
import { waitForChartsSettled } from './dashboard-page.js';

/**
 * A screenshot of the whole page with every chart finished drawing. Chromium's own full-page
 * capture lays the page out again at its full height while it captures, so charts below the
 * fold could be caught in the middle of redrawing; here the window is made as tall as the page
 * first, the charts settle, and then the window is captured.
 */
export async function fullPageScreenshot(page: Page, path: string): Promise<void> {
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('the page has no fixed viewport');
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  try {
    await waitForChartsSettled(page);
    await page.screenshot({ path });
  } finally {
    await page.setViewportSize(viewport);
  }
}
