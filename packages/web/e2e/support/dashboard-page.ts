import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { parseCsv } from './text.js';

export const CARD_SLUGS = [
  'all-time',
  'last-7-days',
  'range-summary',
  'last-7-days-net-orders',
  'last-7-days-share',
  'last-7-days-customers',
  'range-net-orders',
  'range-share',
  'range-customers',
  'range-best-hours',
  'top-products',
  'cohorts',
  'marketing-customers',
  'crossover-summary',
  'crossover-cumulative',
  'crossover-rate',
  'crossover-breakdown',
  'crossover-lag',
  'crossover-customers',
] as const;
export type CardSlug = (typeof CARD_SLUGS)[number];

export const CHART_CARDS: readonly CardSlug[] = [
  'last-7-days-net-orders',
  'last-7-days-share',
  'last-7-days-customers',
  'range-net-orders',
  'range-share',
  'range-customers',
  'crossover-cumulative',
  'crossover-rate',
  'crossover-breakdown',
  'crossover-lag',
];
export const TABLE_CARDS: readonly CardSlug[] = ['top-products', 'marketing-customers', 'crossover-customers'];

export const card = (page: Page, slug: CardSlug): Locator => page.getByTestId(`card-${slug}`);

/**
 * Every data set shows its data: each card is there, each chart has its canvas, each table its
 * rows, and nothing is loading (no `aria-busy="true"`, no skeleton).
 */
export async function waitForDataDrawn(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    ({ slugs, charts, tables }) => {
      const inCard = (slug: string, selector: string) => document.querySelector(`[data-testid="card-${slug}"] ${selector}`) !== null;
      return (
        slugs.every((slug) => document.querySelector(`[data-testid="card-${slug}"]`) !== null) &&
        charts.every((slug) => inCard(slug, 'canvas')) &&
        tables.every((slug) => inCard(slug, '[data-testid="row"]')) &&
        document.querySelector('[aria-busy="true"], .skeleton, .chart--skeleton') === null
      );
    },
    { slugs: CARD_SLUGS, charts: CHART_CARDS, tables: TABLE_CARDS },
    { timeout, polling: 'raf' },
  );
}

/**
 * The charts have finished drawing (chart.js animates them in): every canvas has a size and its
 * pixels did not change between two looks a quarter of a second apart.
 */
export async function waitForChartsSettled(page: Page, timeout = 30_000): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __e2eCanvasPixels?: string }).__e2eCanvasPixels = '';
  });
  await page.waitForFunction(
    () => {
      const state = window as unknown as { __e2eCanvasPixels?: string };
      const canvases = [...document.querySelectorAll('canvas')];
      if (canvases.length === 0 || canvases.some((c) => c.width === 0 || c.height === 0)) return false;
      let hash = 5381;
      for (const canvas of canvases) {
        const url = canvas.toDataURL();
        for (let i = 0; i < url.length; i += 1) hash = ((hash << 5) + hash + url.charCodeAt(i)) | 0;
      }
      const pixels = `${canvases.length}:${hash}`;
      const settled = pixels === state.__e2eCanvasPixels;
      state.__e2eCanvasPixels = pixels;
      return settled;
    },
    undefined,
    { timeout, polling: 250 },
  );
}

export async function waitForFullyDrawn(page: Page): Promise<void> {
  await waitForDataDrawn(page);
  await waitForChartsSettled(page);
}

/** The text of a tile's value, e.g. `tile-all-time-orders` → "1,234". */
export async function tileText(page: Page, tileTestId: string): Promise<string> {
  return (await page.getByTestId(tileTestId).getByTestId('tile-value').innerText()).trim();
}

/** Every body row of a card's table, as the text of its cells. */
export async function tableRows(page: Page, slug: CardSlug): Promise<string[][]> {
  return card(page, slug)
    .locator('tbody [data-testid="row"]')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
}

/** The column headers' labels of a card's table (without the sort arrows). */
export async function tableHeaders(page: Page, slug: CardSlug): Promise<string[]> {
  return card(page, slug)
    .locator('thead th')
    .evaluateAll((ths) => ths.map((th) => (th.querySelector('.cell-content')?.firstChild?.textContent ?? '').trim()));
}

export async function columnWidths(page: Page, slug: CardSlug): Promise<number[]> {
  return card(page, slug)
    .locator('thead th')
    .evaluateAll((ths) => ths.map((th) => Math.round(th.getBoundingClientRect().width)));
}

/** Opens a card's three-dot menu and picks an item. */
export async function chooseFromCardMenu(page: Page, slug: CardSlug, item: string): Promise<void> {
  await card(page, slug).getByTestId('card-menu').click();
  await page.getByRole('menu').getByRole('menuitem', { name: item, exact: true }).click();
}

/** Download data (CSV)… with the given scope; returns the records of the saved file (BOM removed). */
export async function downloadCardCsv(page: Page, slug: CardSlug, scope: 'Rows shown' | 'All results'): Promise<{ filename: string; records: string[][] }> {
  await chooseFromCardMenu(page, slug, 'Download data (CSV)…');
  const dialog = card(page, slug).getByRole('dialog');
  await dialog.getByRole('radio', { name: scope }).check();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download', exact: true }).click()]);
  const path = await download.path();
  const text = await readFile(path, 'utf8');
  if (!text.startsWith('\uFEFF')) throw new Error(`${download.suggestedFilename()} has no UTF-8 byte-order mark`);
  const records = parseCsv(text.slice(1));
  return { filename: download.suggestedFilename(), records };
}

/** The operation names of the GraphQL requests the page sends from now on. */
export function recordGraphqlOperations(page: Page): { names: string[]; stop: () => void } {
  const names: string[] = [];
  const onRequest = (request: { url(): string; method(): string; postDataJSON(): unknown }) => {
    if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return;
    const body = request.postDataJSON() as { operationName?: string } | null;
    names.push(body?.operationName ?? '(anonymous)');
  };
  page.on('request', onRequest);
  return { names, stop: () => page.off('request', onRequest) };
}

/**
 * Reads a TikTok-share chart from its pixels: for each stacked bar (left to right), the part of
 * its height drawn in the TikTok color, of the part drawn in TikTok or store color.
 */
export async function tiktokShareOfBars(page: Page, slug: CardSlug): Promise<number[]> {
  await page.mouse.move(0, 0);
  await waitForChartsSettled(page);
  return card(page, slug)
    .locator('canvas')
    .evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      const { width, height } = canvas;
      const { data } = ctx.getImageData(0, 0, width, height);
      const near = (i: number, rgb: [number, number, number]) =>
        Math.abs(data[i]! - rgb[0]) <= 12 && Math.abs(data[i + 1]! - rgb[1]) <= 12 && Math.abs(data[i + 2]! - rgb[2]) <= 12 && data[i + 3]! > 200;
      const TIKTOK: [number, number, number] = [0xe1, 0x1d, 0x5c];
      const STORE: [number, number, number] = [0x25, 0x63, 0xeb];
      const columns: Array<{ tiktok: number; store: number }> = [];
      for (let x = 0; x < width; x += 1) {
        let tiktok = 0;
        let store = 0;
        for (let y = 0; y < height; y += 1) {
          const i = (y * width + x) * 4;
          if (near(i, TIKTOK)) tiktok += 1;
          else if (near(i, STORE)) store += 1;
        }
        columns.push({ tiktok, store });
      }
      // A bar is a run of columns with more colored pixels than a legend box is tall.
      const shares: number[] = [];
      let run: Array<{ tiktok: number; store: number }> = [];
      const flush = () => {
        if (run.length > 2) {
          const middle = run[Math.floor(run.length / 2)]!;
          shares.push(middle.tiktok / (middle.tiktok + middle.store));
        }
        run = [];
      };
      for (const column of columns) {
        if (column.tiktok + column.store > 20) run.push(column);
        else flush();
      }
      flush();
      return shares;
    });
}
