import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, TABLE_CARDS, waitForFullyDrawn, type CardSlug } from './support/dashboard-page.js';
import { DESKTOP, PHONE, startDashboardEnvironment, type DashboardEnvironment } from './support/environment.js';
import { screenshotCard, tableGeometry } from './support/table-geometry.js';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));

let env: DashboardEnvironment;
let page: Page;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  env = await startDashboardEnvironment();
  page = await env.browser.newPage();
});

afterAll(async () => {
  await env?.close();
});

async function openDashboard(viewport: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(viewport);
  await page.goto('about:blank');
  await page.goto(`${env.url}/insights/tiktok#token=${env.token}`);
  await waitForFullyDrawn(page);
}

/** Scrolls a table sideways with the mouse wheel (as a trackpad swipe would) until it reaches its end. */
async function scrollTableToEnd(slug: CardSlug): Promise<void> {
  const scroller = card(page, slug).locator('.table-scroll');
  // Centered, so that the point under the mouse is on the table, not under the sticky top bars.
  await scroller.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  const box = (await scroller.boundingBox())!;
  const viewport = page.viewportSize()!;
  const [top, bottom] = [Math.max(box.y, 0), Math.min(box.y + box.height, viewport.height)];
  await page.mouse.move(box.x + box.width / 2, (top + bottom) / 2);
  for (let i = 0; i < 30; i += 1) {
    const { scrollLeft, maxScrollLeft } = await tableGeometry(page, slug);
    if (scrollLeft >= maxScrollLeft - 1) return;
    await page.mouse.wheel(300, 0);
    // Chromium animates wheel scrolling: wait for this step to move the table.
    await expect.poll(async () => (await tableGeometry(page, slug)).scrollLeft, { timeout: 2_000 }).toBeGreaterThan(scrollLeft);
  }
}

/** Labels of the columns whose body cells are cut off (with an ellipsis) in the rows shown. */
async function columnsWithCutOffCells(slug: CardSlug): Promise<string[]> {
  return card(page, slug)
    .locator('table')
    .evaluate((table) => {
      const labels = [...table.querySelectorAll('thead th')].map((th) => (th.querySelector('.cell-content')?.firstChild?.textContent ?? '').trim());
      const cut = new Set<string>();
      for (const row of table.querySelectorAll('tbody [data-testid="row"]')) {
        row.querySelectorAll('td').forEach((td, i) => {
          const content = td.querySelector('.cell-content');
          if (content && content.scrollWidth > content.clientWidth + 0.5) cut.add(labels[i]!);
        });
      }
      return [...cut];
    });
}

/** Long free text may end in an ellipsis in a narrow column; dates, amounts, counts and ids never. */
const FREE_TEXT_COLUMNS = new Set(['Name', 'Address', 'Product']);

describe('tables at desktop and phone width', () => {
  it('at 1440 px every column of every table is inside its card, whole, with no header cut off', async () => {
    await openDashboard(DESKTOP);
    for (const slug of TABLE_CARDS) {
      const geometry = await tableGeometry(page, slug);
      await screenshotCard(page, slug, `${ARTIFACTS}table-${slug}-desktop.png`);
      expect(geometry.headers.length, slug).toBeGreaterThanOrEqual(4);
      expect(geometry.headers.filter((h) => h.truncated).map((h) => h.label), `${slug}: truncated headers`).toEqual([]);
      // Inside the card: no column needs the table to scroll.
      expect(geometry.maxScrollLeft, `${slug} scrolls sideways`).toBeLessThanOrEqual(0);
      for (const header of geometry.headers) {
        expect(header.left, `${slug} ${header.label}`).toBeGreaterThanOrEqual(geometry.viewport.left - 0.5);
        expect(header.right, `${slug} ${header.label}`).toBeLessThanOrEqual(geometry.viewport.right + 0.5);
        expect(header.right - header.left, `${slug} ${header.label}`).toBeGreaterThan(40);
      }
      expect((await columnsWithCutOffCells(slug)).filter((label) => !FREE_TEXT_COLUMNS.has(label)), `${slug}: cells cut off`).toEqual([]);
    }
  });

  it('at 375 px every column of every table can be scrolled into view, the first one stays put, the page is no wider than the phone', async () => {
    await openDashboard(PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    for (const slug of TABLE_CARDS) {
      const before = await tableGeometry(page, slug);
      await card(page, slug).locator('.table-scroll').scrollIntoViewIfNeeded();
      await screenshotCard(page, slug, `${ARTIFACTS}table-${slug}-phone.png`);
      expect(before.headers.length, slug).toBeGreaterThanOrEqual(4);
      expect(before.headers.filter((h) => h.truncated).map((h) => h.label), `${slug}: truncated headers`).toEqual([]);
      // Every column has room for its content: none is squeezed away.
      for (const header of before.headers) expect(header.right - header.left, `${slug} ${header.label}`).toBeGreaterThan(40);
      expect((await columnsWithCutOffCells(slug)).filter((label) => !FREE_TEXT_COLUMNS.has(label)), `${slug}: cells cut off`).toEqual([]);
      const [first] = before.headers;
      expect(first!.left).toBeCloseTo(before.viewport.left, 0);

      await scrollTableToEnd(slug);
      const after = await tableGeometry(page, slug);
      await screenshotCard(page, slug, `${ARTIFACTS}table-${slug}-phone-scrolled.png`);
      expect(after.scrollLeft, `${slug} scrolled to its end`).toBeGreaterThanOrEqual(after.maxScrollLeft - 1);
      const last = after.headers.at(-1)!;
      const sticky = after.headers[0]!;
      // The last column is whole in view, next to the first column, which stayed where it was.
      expect(last.right, `${slug} ${last.label}`).toBeLessThanOrEqual(after.viewport.right + 0.5);
      expect(last.left, `${slug} ${last.label}`).toBeGreaterThanOrEqual(sticky.right - 0.5);
      expect(sticky.left).toBeCloseTo(before.viewport.left, 0);
      expect(sticky.firstCell!.left).toBeCloseTo(before.viewport.left, 0);
      // Every column between them passed through view: the columns are side by side, none hidden.
      after.headers.slice(2).forEach((header, i) => expect(header.left).toBeCloseTo(after.headers[i + 1]!.right, 0));
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });
});
