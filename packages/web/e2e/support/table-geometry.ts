import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { card, chooseFromCardMenu, type CardSlug } from './dashboard-page.js';

/** Where a table's columns are drawn, relative to its scrolling container (CSS pixels). */
export interface TableGeometry {
  /** The container's visible box (inside its borders) in viewport coordinates. */
  viewport: { left: number; right: number };
  scrollLeft: number;
  maxScrollLeft: number;
  headers: Array<{
    label: string;
    left: number;
    right: number;
    /** The header's label is wider than the room it has (cut off or ellipsized). */
    truncated: boolean;
    /** The first body cell of the column. */
    firstCell: { left: number; right: number } | null;
  }>;
}

export async function tableGeometry(page: Page, slug: CardSlug): Promise<TableGeometry> {
  return card(page, slug)
    .locator('.table-scroll')
    .evaluate((scroller) => {
      const box = scroller.getBoundingClientRect();
      const borderLeft = parseFloat(getComputedStyle(scroller).borderLeftWidth);
      const left = box.left + borderLeft;
      const overflows = (element: Element) => element.scrollWidth > element.clientWidth + 0.5 || element.scrollHeight > element.clientHeight + 0.5;
      const firstRow = scroller.querySelector('tbody [data-testid="row"]');
      return {
        viewport: { left, right: left + scroller.clientWidth },
        scrollLeft: scroller.scrollLeft,
        maxScrollLeft: scroller.scrollWidth - scroller.clientWidth,
        headers: [...scroller.querySelectorAll('thead th')].map((th, i) => {
          const rect = th.getBoundingClientRect();
          const label = th.querySelector('.cell-content');
          const cell = firstRow?.querySelectorAll('td')[i]?.getBoundingClientRect() ?? null;
          return {
            label: (label?.firstChild?.textContent ?? '').trim(),
            left: rect.left,
            right: rect.right,
            truncated: label === null || overflows(label) || overflows(th),
            firstCell: cell ? { left: cell.left, right: cell.right } : null,
          };
        }),
      };
    });
}

/** Download data (CSV)… with the given scope; the saved file's name and exact bytes. */
export async function downloadCardCsvBytes(page: Page, slug: CardSlug, scope: 'Rows shown' | 'All results'): Promise<{ filename: string; bytes: Buffer }> {
  await chooseFromCardMenu(page, slug, 'Download data (CSV)…');
  const dialog = card(page, slug).getByRole('dialog');
  await dialog.getByRole('radio', { name: scope }).check();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download', exact: true }).click()]);
  return { filename: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

/**
 * A screenshot of a card, without the page's sticky bars drawn over it. They are hidden through
 * their `style` properties: the screenshot's `style` option adds a `<style>` element, which the
 * dashboard's CSP refuses.
 */
export async function screenshotCard(page: Page, slug: CardSlug, path: string): Promise<void> {
  const bars = page.locator('.side-menu, .toolbar');
  await bars.evaluateAll((elements) => elements.forEach((element) => (element as HTMLElement).style.setProperty('visibility', 'hidden', 'important')));
  try {
    await card(page, slug).screenshot({ path });
  } finally {
    await bars.evaluateAll((elements) => elements.forEach((element) => (element as HTMLElement).style.removeProperty('visibility')));
  }
}
