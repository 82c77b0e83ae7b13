import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CROSSOVER_CUSTOMERS_CSV, CSV_BOM, MARKETING_CUSTOMERS_CSV, type CsvTableDefinition } from '@tiktok-insights/shared';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatDayWithYear } from '../src/format/dates';
import { card, chooseFromCardMenu, TABLE_CARDS, tableHeaders, tableRows, waitForFullyDrawn, type CardSlug } from './support/dashboard-page.js';
import { watchCspViolations, type CspViolations } from './support/csp-violations.js';
import { DESKTOP, PHONE, startDashboardEnvironment, type DashboardEnvironment } from './support/environment.js';
import { downloadCardCsvBytes, screenshotCard, tableGeometry, type TableGeometry } from './support/table-geometry.js';
import { parseCsv } from './support/text.js';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const TIMEZONE = 'America/Chicago';

let env: DashboardEnvironment;
let page: Page;
/** The page's Content-Security-Policy violations: none may happen in any test. */
let csp: CspViolations;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  env = await startDashboardEnvironment();
  await env.signIn('owner@juniper.example');
  page = await env.browser.newPage();
  csp = await watchCspViolations(page);
});

afterEach(() => {
  const violations = csp?.all() ?? [];
  csp?.clear();
  expect(violations, 'Content-Security-Policy violations').toEqual([]);
});

afterAll(async () => {
  await env?.close();
});

async function openDashboard(viewport: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(viewport);
  await page.goto('about:blank');
  await page.goto(`${env.url}/insights/tiktok`);
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

    // Expanded, the columns widen to the card's new width: still all inside it.
    const normal = await tableGeometry(page, 'crossover-customers');
    await chooseFromCardMenu(page, 'crossover-customers', 'Expand');
    const width = (g: TableGeometry) => g.viewport.right - g.viewport.left;
    await expect.poll(async () => width(await tableGeometry(page, 'crossover-customers'))).toBeGreaterThan(width(normal) + 100);
    const expanded = await tableGeometry(page, 'crossover-customers');
    expect(expanded.maxScrollLeft).toBeLessThanOrEqual(0);
    expect(expanded.headers.at(-1)!.right).toBeCloseTo(expanded.viewport.right, 0);
    expect(expanded.headers.filter((h) => h.truncated)).toEqual([]);
    await page.keyboard.press('Escape');
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

    // View → Expand: the full-screen card's table scrolls the same way.
    await chooseFromCardMenu(page, 'marketing-customers', 'Expand');
    await scrollTableToEnd('marketing-customers');
    const expanded = await tableGeometry(page, 'marketing-customers');
    expect(expanded.scrollLeft).toBeGreaterThan(0);
    expect(expanded.headers.at(-1)!.right).toBeLessThanOrEqual(expanded.viewport.right + 0.5);
    expect(expanded.headers[0]!.left).toBeCloseTo(expanded.viewport.left, 0);
    await page.screenshot({ path: `${ARTIFACTS}table-marketing-customers-phone-expanded.png` });
    await page.keyboard.press('Escape');
  });
});

// ---------------------------------------------------------------------------------------------
// CSV: "Rows shown" (written in the browser) and "All results" (streamed by the API)
// ---------------------------------------------------------------------------------------------

type CellKind = 'text' | 'count' | 'money' | 'date';

/** The columns a table shows that its CSV has under the same header, and how a CSV cell reads on the page. */
const SHOWN_COLUMNS: Record<'marketing-customers' | 'crossover-customers', Record<string, CellKind>> = {
  'marketing-customers': {
    'TikTok customer ID': 'text',
    Name: 'text',
    Orders: 'count',
    'Net receipts': 'money',
    'First order': 'date',
    'Last order': 'date',
  },
  'crossover-customers': {
    'TikTok customer ID': 'text',
    Name: 'text',
    'First TikTok order': 'date',
    'Crossover date': 'date',
    'Store orders': 'count',
    'Store net receipts': 'money',
  },
};

const DATE_TIME_CELL = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const chicagoDay = new Intl.DateTimeFormat('en-CA', { timeZone: TIMEZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** How the page shows a CSV cell of this kind (CSV text cells may carry a formula-neutralizing apostrophe). */
function asShown(kind: CellKind, cell: string): string {
  switch (kind) {
    case 'text':
      return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
    case 'count':
      expect(cell).toMatch(/^\d+$/);
      return Number(cell).toLocaleString('en-US');
    case 'money':
      expect(cell).toMatch(/^-?\d+\.\d{2}$/);
      return `${cell.startsWith('-') ? '-' : ''}$${Number(cell.replace('-', '')).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    case 'date': {
      const match = DATE_TIME_CELL.exec(cell);
      expect(match, cell).not.toBeNull();
      // The date written is the shop's day of the instant the offset makes exact.
      expect(chicagoDay.format(new Date(cell))).toBe(match![1]);
      return formatDayWithYear(match![1]!);
    }
  }
}

/**
 * Downloads "Rows shown" and "All results" of a customer list and checks that the first is byte
 * for byte the start of the second, and that its rows read as the page shows them.
 */
async function expectRowsShownStartAllResults<Row>(slug: 'marketing-customers' | 'crossover-customers', table: CsvTableDefinition<Row>): Promise<{ rows: number; eveningRows: number }> {
  const shownOnPage = await tableRows(page, slug);
  const pageHeaders = await tableHeaders(page, slug);
  const shown = await downloadCardCsvBytes(page, slug, 'Rows shown');
  const all = await downloadCardCsvBytes(page, slug, 'All results');
  expect(shown.filename).toMatch(/-page-1-\d{4}-\d{2}-\d{2}\.csv$/);

  const shownText = shown.bytes.toString('utf8');
  expect(shownText.startsWith(CSV_BOM)).toBe(true);
  const [header, ...records] = parseCsv(shownText.slice(1));
  expect(header).toEqual(table.map((column) => column.header));
  expect(records).toHaveLength(shownOnPage.length);
  expect(shownText.endsWith('\r\n')).toBe(true);
  expect(shownText.split('\r\n')).toHaveLength(shownOnPage.length + 2);
  // The same bytes: byte-order mark, header, rows, quoting and line ends.
  expect(all.bytes.length).toBeGreaterThan(shown.bytes.length);
  expect(all.bytes.subarray(0, shown.bytes.length).equals(shown.bytes), `${slug}: "Rows shown" is not the start of "All results"`).toBe(true);

  // Each row says what the page shows for it.
  let eveningRows = 0;
  records.forEach((record, i) => {
    for (const [label, kind] of Object.entries(SHOWN_COLUMNS[slug])) {
      const cell = record[header!.indexOf(label)]!;
      expect(asShown(kind, cell), `${slug} row ${i + 1} ${label}: ${cell}`).toBe(shownOnPage[i]![pageHeaders.indexOf(label)]);
      if (kind === 'date' && new Date(cell).toISOString().slice(0, 10) !== cell.slice(0, 10)) eveningRows += 1;
    }
  });
  return { rows: records.length, eveningRows };
}

describe('CSV downloads of the customer lists', () => {
  it('"Rows shown" is byte for byte the start of "All results", and each row reads as the page shows it', async () => {
    await openDashboard(DESKTOP);
    const marketing = await expectRowsShownStartAllResults('marketing-customers', MARKETING_CUSTOMERS_CSV);
    const crossover = await expectRowsShownStartAllResults('crossover-customers', CROSSOVER_CUSTOMERS_CSV);

    // Sorted by name on the server: both files follow the order shown.
    const list = card(page, 'marketing-customers');
    const firstId = async () => (await tableRows(page, 'marketing-customers'))[0]![0];
    const before = await firstId();
    await list.getByRole('button', { name: 'Name', exact: true }).click();
    await expect.poll(() => list.locator('th[data-col="name"]').getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(firstId).not.toBe(before);
    await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
    const byName = await expectRowsShownStartAllResults('marketing-customers', MARKETING_CUSTOMERS_CSV);
    // The demo's evening orders are on the next day in UTC: the files give the shop's day, as the page does.
    expect(marketing.eveningRows + byName.eveningRows + crossover.eveningRows).toBeGreaterThan(0);
    console.log(
      `CSV rows checked against the page: marketing ${marketing.rows} + ${byName.rows} (by name), crossover ${crossover.rows}; ` +
        `date cells whose day in ${TIMEZONE} differs from their UTC day: ${marketing.eveningRows + byName.eveningRows + crossover.eveningRows}`,
    );
  });
});
