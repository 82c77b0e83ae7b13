import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, SUMMARY, type Summary } from './support/api-client.js';
import { tileText } from './support/dashboard-page.js';
import { ADMIN_TOKEN, DESKTOP, PHONE, startDashboardEnvironment, type DashboardEnvironment } from './support/environment.js';
import { addShopPerson, pageStorage, signInContext, signOutEverywhereFromElsewhere, type Person } from './support/sessions.js';

/*
 * The Import page in Chromium, against the real API and PostgreSQL: a new shop drops a TikTok
 * Seller Center export and a Shopify export, follows each job to its outcome, sees them in the
 * history and then on the Insights page; files that cannot be imported say why.
 */

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const FIXTURES = new URL('../../api/src/modules/order-files/fixtures/', import.meta.url);

const SESSION_ENDED = 'Your session has ended. Sign in again to continue.';

const TEMPLATE_HEADER =
  'order_id,channel,placed_at,status,customer_id,customer_name,email,address_line1,address_line2,city,region,postal_code,country,product_id,product_name,sku,quantity,unit_price,tax,shipping,discount,credit';

/** Seller Center's US order export header, as the API's reader fixtures have it. */
let tiktokHeader: string[];
/** The API's Shopify reader fixture: six orders on nine rows, one of them from a TikTok source. */
let shopifyExport: string;

type TikTokRow = Partial<Record<string, string>>;

/** A Seller Center export: the header, then the rows with the cells given (ids and times end with a tab, as Seller Center writes them). */
function tiktokExport(rows: TikTokRow[]): string {
  const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = rows.map((row) => tiktokHeader.map((column) => cell(row[column] ?? '')).join(','));
  return `\uFEFF${tiktokHeader.join(',')}\r\n${lines.join('\r\n')}\r\n`;
}

const buyer = (username: string, recipient: string, line1: string, zip: string): TikTokRow => ({
  'Buyer Username': username,
  Recipient: recipient,
  'Address Line 1': line1,
  City: 'Austin',
  State: 'Texas',
  Zipcode: zip,
  Country: 'United States',
});

/** Three TikTok orders on four rows: $43.17 + $26.52 + $32.48 = $102.17, three buyers. */
const TIKTOK_ROWS: TikTokRow[] = [
  {
    'Order ID': '576461413038785001\t', 'Order Status': 'Delivered', 'SKU ID': '1729384756001\t', 'Seller SKU': 'GS-30',
    'Product Name': 'Glow Serum 30ml', Quantity: '2', 'SKU Unit Original Price': '19.99', 'SKU Platform Discount': '3.00',
    'SKU Seller Discount': '2.00', 'Shipping Fee After Discount': '4.99', Taxes: '3.20', 'Order Amount': '43.17',
    'Order Refund Amount': '0.00', 'Created Time': '03/09/2025 07:30:00 PM\t', ...buyer('glowgetter22', 'Maya Lopez', '1100 Congress Ave\nApt 4B', '78701'),
  },
  {
    'Order ID': '576461413038785001\t', 'Order Status': 'Delivered', 'SKU ID': '1729384756099\t', 'Product Name': 'Free Sample Mini',
    Quantity: '1', 'SKU Unit Original Price': '0.00', 'Shipping Fee After Discount': '4.99', Taxes: '3.20', 'Order Amount': '43.17',
    'Order Refund Amount': '0.00', 'Created Time': '03/09/2025 07:30:00 PM\t', ...buyer('glowgetter22', 'Maya Lopez', '1100 Congress Ave\nApt 4B', '78701'),
  },
  {
    'Order ID': '576461413038785002\t', 'Order Status': 'Shipped', 'SKU ID': '1729384756002\t', 'Seller SKU': 'LB-01',
    'Product Name': 'Lip Balm Trio', Quantity: '1', 'SKU Unit Original Price': '24.50', 'Shipping Fee After Discount': '0.00',
    Taxes: '2.02', 'Order Amount': '26.52', 'Order Refund Amount': '0.00', 'Created Time': '03/10/2025 11:05:12 AM\t',
    ...buyer('sunnyside.k', 'Kim Park', '2200 S Lamar Blvd', '78704'),
  },
  {
    'Order ID': '576461413038785003\t', 'Order Status': 'Awaiting shipment', 'SKU ID': '1729384756003\t', 'Seller SKU': 'HC-12',
    'Product Name': 'Hair Clips (12 pack)', Quantity: '3', 'SKU Unit Original Price': '12.00', 'SKU Seller Discount': '6.00',
    'Shipping Fee After Discount': '0.00', Taxes: '2.48', 'Order Amount': '32.48', 'Order Refund Amount': '0.00',
    'Created Time': '03/11/2025 09:15:00 PM\t', ...buyer('dana_r', 'Dana Ruiz', '401 W 2nd St', '78701'),
  },
];

let env: DashboardEnvironment;
let page: Page;
/** The shop the first tests import into; `api` reads its figures with the shop's key. */
let juniper: TestShop;
const problems: string[] = [];

beforeAll(async () => {
  env = await startDashboardEnvironment();
  tiktokHeader = (await readFile(new URL('tiktok-orders.csv', FIXTURES), 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]!.split(',');
  shopifyExport = await readFile(new URL('shopify-orders.csv', FIXTURES), 'utf8');
  juniper = await createShop('Juniper Thread Boutique', 'America/Chicago');

  page = await env.browser.newPage();
  // Every state the upload's panel passes through, however briefly.
  await page.addInitScript(() => {
    const seen: string[] = [];
    const texts: string[] = [];
    const sent: number[] = [];
    Object.assign(window, { importStates: seen, progressTexts: texts, uploadSent: sent });
    new MutationObserver(() => {
      const panel = document.querySelector('[data-testid="import-progress"], [data-testid="import-outcome"]');
      const state = panel ? `${panel.getAttribute('data-testid')}:${panel.getAttribute('data-status')}` : null;
      if (state && seen.at(-1) !== state) seen.push(state);
      const progress = document.querySelector('.import-progress__text')?.textContent;
      const bar = document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow');
      const text = progress ? `${bar ?? '?'}% ${progress}` : null;
      if (text && texts.at(-1) !== text) texts.push(text);
      const sending = document.querySelector('[role="progressbar"][aria-label="Upload progress"]')?.getAttribute('aria-valuenow');
      if (sending != null && sent.at(-1) !== Number(sending)) sent.push(Number(sending));
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // The refused uploads answer 400 on purpose (and the ended session 401); Chromium logs every such answer.
    if (message.type() === 'error' && !/status of 40[01]/.test(message.text())) problems.push(`console error: ${message.text()}`);
  });
  await mkdir(ARTIFACTS, { recursive: true });
});

beforeEach(() => {
  problems.length = 0;
});

afterAll(async () => {
  await env?.close();
});

/** A fresh load of Import, signed in as the shop's owner (Juniper's unless told). */
async function openImport(viewport: { width: number; height: number } = DESKTOP, shop: TestShop = juniper): Promise<void> {
  await page.setViewportSize(viewport);
  await page.goto('about:blank');
  await signInContext(env.browser, env.url, shop.owner);
  await page.goto(`${env.url}/import`);
  await page.getByRole('heading', { name: 'Import orders', level: 1 }).waitFor();
  await page.getByTestId('drop-zone').waitFor();
}

const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

/** A template file of `orders` one-line orders, each a little over 200 bytes. */
function templateExport(orders: number, prefix: string): string {
  const rows = [TEMPLATE_HEADER];
  for (let i = 0; i < orders; i += 1) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    rows.push(
      `${prefix}-${i},WEBSITE,2025-01-${day}T12:00:00-07:00,DELIVERED,buyer-${i % 700},Buyer ${i % 700},buyer${i % 700}@example.com,${100 + (i % 700)} Pine Street,Suite ${i % 9},Boulder,CO,80302,US,p-${i % 30},Handmade product ${i % 30},SKU-${i % 30},1,${12 + (i % 5)}.25,1.10,3.00,0,0`,
    );
  }
  return rows.join('\n') + '\n';
}

interface TestShop {
  id: string;
  /** Reads the shop's figures with its first key. */
  api: ApiClient;
  /** Its owner, whom the browser signs in as to import. */
  owner: Person;
}

/** A new shop, as the README creates one (nothing imported), and its owner. */
async function createShop(name: string, timezone = 'America/Denver'): Promise<TestShop> {
  const created = await new ApiClient(env.url, ADMIN_TOKEN).gql<{ createShop: { shop: { id: string }; token: string } }>(
    'mutation ($input: CreateShopInput!) { createShop(input: $input) { shop { id } token } }',
    { input: { name, timezone } },
  );
  const id = created.createShop.shop.id;
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '-');
  return { id, api: new ApiClient(env.url, created.createShop.token), owner: await addShopPerson(env.dataSource, id, `${slug}.owner@example.com`, 'owner') };
}

/**
 * A slow uplink in Chromium's own network emulation (DevTools protocol, on this page): the file's
 * bytes leave at `bytesPerSecond`; downloads are not throttled. The returned function lifts it.
 */
async function throttleUpload(bytesPerSecond: number): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
  return async () => {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.detach();
  };
}

const uploadSent = () => page.evaluate(() => [...(window as unknown as { uploadSent: number[] }).uploadSent]);

/** Drops a file on the drop zone, as a file dragged from the desktop arrives. */
async function dropFile(name: string, text: string): Promise<void> {
  await page.getByTestId('drop-zone').evaluate(
    (zone, file) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([file.text], file.name, { type: 'text/csv' }));
      zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
      zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    },
    { name, text },
  );
}

async function previewRows(): Promise<string[][]> {
  return page
    .getByTestId('import-preview-orders')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim())));
}

async function historyRows(): Promise<string[][]> {
  return page
    .getByTestId('import-history-row')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim())));
}

/** Uploads the previewed file and waits for its outcome; the panel states seen on the way. */
async function uploadAndWait(): Promise<string[]> {
  await page.evaluate(() => {
    const recorded = window as unknown as { importStates: string[]; progressTexts: string[]; uploadSent: number[] };
    recorded.importStates.splice(0);
    recorded.progressTexts.splice(0);
    recorded.uploadSent.splice(0);
  });
  await page.getByTestId('import-upload').click();
  await page.locator('[data-testid="import-outcome"]').waitFor({ timeout: 60_000 });
  return page.evaluate(() => [...(window as unknown as { importStates: string[] }).importStates]);
}

/** The Insights page with its cards loaded (their charts are the other e2e files' concern). */
async function waitForInsights(): Promise<void> {
  await page.getByTestId('tile-all-time-orders').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('[aria-busy="true"], .skeleton, .chart--skeleton') === null, undefined, { timeout: 60_000 });
}

const outcome = async (key: string) => (await page.getByTestId(`import-outcome-${key}`).innerText()).trim();

describe('the Import page in Chromium', () => {
  it('previews a TikTok Seller Center export chosen with the file picker, imports it with progress, and lists it', async () => {
    await openImport();
    const intro = await page.locator('.import-page__intro').innerText();
    for (const format of ['TikTok Seller Center order export', 'Shopify order export', 'our template']) expect(intro).toContain(format);
    expect(await page.getByTestId('import-refund-note').innerText()).toContain('Partial refunds are not subtracted');
    expect(await page.getByTestId('import-history-empty').innerText()).toBe('No files uploaded yet.');

    // The template: the header of spec section 7.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template-link').click()]);
    expect(download.suggestedFilename()).toBe('orders-template.csv');
    expect(await readFile((await download.path())!, 'utf8')).toBe(`${TEMPLATE_HEADER}\r\n`);

    const text = tiktokExport(TIKTOK_ROWS);
    await page.getByTestId('import-file-input').setInputFiles(csvFile('seller-center-orders.csv', text));
    expect(await page.getByTestId('import-detected-format').innerText()).toBe('TikTok Seller Center order export');
    await expect.poll(() => page.getByTestId('import-file-counts').innerText()).toBe('3 orders, 4 lines');
    expect(await previewRows()).toEqual([
      ['576461413038785001', '03/09/2025 07:30:00 PM', 'Maya Lopez', '$43.17', '2'],
      ['576461413038785002', '03/10/2025 11:05:12 AM', 'Kim Park', '$26.52', '1'],
      ['576461413038785003', '03/11/2025 09:15:00 PM', 'Dana Ruiz', '$32.48', '1'],
    ]);

    const states = await uploadAndWait();
    // A file this small may be done before the page first asks: any progress shown was a waiting or running job.
    for (const state of states.slice(0, -1)) expect(state).toMatch(/^import-progress:(queued|running)$/);
    expect(states.at(-1)).toBe('import-outcome:done');
    expect([await outcome('created'), await outcome('updated'), await outcome('unchanged'), await outcome('skipped')]).toEqual(['3', '0', '0', '0']);
    expect(await page.getByTestId('import-outcome').innerText()).toContain('4 rows read');

    await expect.poll(historyRows).toHaveLength(1);
    const [row] = await historyRows();
    expect(row!.slice(0, 4)).toEqual(['seller-center-orders.csv', `${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`, 'TikTok Seller Center order export', juniper.owner.name]);
    expect(row![4]).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M C[SD]T$/);
    expect(row![5]).toBe('3 created, 0 updated, 0 unchanged');
    expect(problems).toEqual([]);
  });

  it('previews a dropped Shopify export, skips its TikTok-source order, and lists it first', async () => {
    await openImport();
    await dropFile('shopify-orders-export.csv', shopifyExport);
    expect(await page.getByTestId('import-detected-format').innerText()).toBe('Shopify order export');
    await expect.poll(() => page.getByTestId('import-file-counts').innerText()).toBe('6 orders, 9 lines');
    const rows = await previewRows();
    expect(rows[0]).toEqual(['#1001', '2025-03-09 19:30:00 -0500', 'Jane Doe', '$1,337.35', '3']);
    expect(rows.filter((r) => r[0]!.includes('TikTok source: skipped')).map((r) => r[0])).toEqual(['#1005 (TikTok source: skipped)']);

    const states = await uploadAndWait();
    expect(states.at(-1)).toBe('import-outcome:done');
    expect([await outcome('created'), await outcome('skipped')]).toEqual(['5', '1']);

    await expect.poll(historyRows).toHaveLength(2);
    const history = await historyRows();
    expect(history.map((r) => [r[0], r[2], r[5]])).toEqual([
      ['shopify-orders-export.csv', 'Shopify order export', '5 created, 0 updated, 0 unchanged, 1 skipped'],
      ['seller-center-orders.csv', 'TikTok Seller Center order export', '3 created, 0 updated, 0 unchanged'],
    ]);
    // Sending the TikTok file again changes nothing.
    await page.getByTestId('import-file-input').setInputFiles(csvFile('seller-center-orders.csv', tiktokExport(TIKTOK_ROWS)));
    await expect.poll(() => page.getByTestId('import-file-counts').innerText()).toBe('3 orders, 4 lines');
    await uploadAndWait();
    expect([await outcome('created'), await outcome('updated'), await outcome('unchanged')]).toEqual(['0', '0', '3']);
    await page.screenshot({ path: `${ARTIFACTS}import-desktop.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  it('then shows the new orders’ figures on the Insights page', async () => {
    await page.getByRole('link', { name: 'See your TikTok insights' }).click();
    await page.waitForURL((url) => url.pathname === '/insights/tiktok');
    await waitForInsights();
    expect(await page.getByTestId('no-orders-yet').count()).toBe(0);
    expect(await tileText(page, 'tile-all-time-orders')).toBe('3');
    expect(await tileText(page, 'tile-all-time-net-receipts')).toBe('$102.17');
    expect(await tileText(page, 'tile-all-time-unique-customers')).toBe('3');
    const { allTime } = await juniper.api.insights<{ allTime: Summary }>(`allTime { ${SUMMARY} }`);
    expect(allTime).toMatchObject({ totalOrders: 3, netReceipts: { cents: 10217 }, uniqueCustomers: 3 });
    expect(await tileText(page, 'tile-all-time-aov')).toBe(allTime.averageOrderValue!.formatted);
    expect(await page.getByTestId('last-updated').innerText()).toMatch(/^Data last updated /);
    expect(problems).toEqual([]);
  });

  it('says why a file cannot be imported: not CSV, an unknown header, a column missing, an invalid row', async () => {
    await openImport();
    const fileError = page.getByTestId('import-file-error');

    await page.getByTestId('import-file-input').setInputFiles({ name: 'orders.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]) });
    expect(await fileError.innerText()).toContain('“orders.xlsx” is not a CSV file: it looks like an Excel workbook');
    expect(await page.getByTestId('import-upload').isDisabled()).toBe(true);

    await page.getByTestId('import-file-input').setInputFiles(csvFile('inventory.csv', 'colour,size,stock\nred,M,4\n'));
    const unknown = await fileError.innerText();
    expect(unknown).toContain('The header row matches no known order file format.');
    expect(unknown).toContain('TikTok Seller Center order export (tiktok): Order ID, Order Status, SKU ID, Quantity, Created Time, Order Amount');
    expect(unknown).toContain('Found: colour, size, stock.');
    expect(await page.getByTestId('import-upload').isDisabled()).toBe(true);

    // Recognised as a TikTok export, but without a column the import needs: the API's 400 names it.
    const withoutRecipient = tiktokExport(TIKTOK_ROWS).replace(',Recipient,', ',Receiver,');
    await page.getByTestId('import-file-input').setInputFiles(csvFile('no-recipient.csv', withoutRecipient));
    expect(await page.getByTestId('import-detected-format').innerText()).toBe('TikTok Seller Center order export');
    await page.getByTestId('import-upload').click();
    const refused = await fileError.innerText();
    expect(refused).toContain('no-recipient.csv was not imported.');
    expect(refused).toContain('The header row looks like a TikTok Seller Center order export but lacks Recipient.');
    expect(refused).toContain('Found: Order ID, Order Status');

    // A row the import refuses: nothing is written, the problems are listed by row and column.
    const badQuantity = tiktokExport([TIKTOK_ROWS[0]!, TIKTOK_ROWS[1]!, { ...TIKTOK_ROWS[2]!, 'Order ID': '576461413038785009\t', Quantity: 'two' }]);
    await page.getByTestId('import-file-input').setInputFiles(csvFile('bad-quantity.csv', badQuantity));
    await expect.poll(() => page.getByTestId('import-file-counts').innerText()).toBe('2 orders, 3 lines');
    const states = await uploadAndWait();
    expect(states.at(-1)).toBe('import-outcome:failed');
    expect(await page.getByTestId('import-outcome').innerText()).toContain('Nothing was imported.');
    const errors = await page
      .getByTestId('import-errors')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim())));
    expect(errors).toEqual([['4', 'Quantity', 'must be a whole number, got "two"']]);
    await expect.poll(async () => (await historyRows())[0]?.[5]).toBe('Failed: 1 problem, nothing imported');
    const { allTime } = await juniper.api.insights<{ allTime: Summary }>(`allTime { ${SUMMARY} }`);
    expect(allTime.totalOrders).toBe(3);
    expect(problems).toEqual([]);
  });

  it('shows rows read, rows per second and the time left while a large file imports', async () => {
    const cedar = await createShop('Cedar & Pine Supply', 'America/New_York');
    const orders = 40_000;
    const rows = [TEMPLATE_HEADER];
    for (let i = 0; i < orders; i += 1) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      rows.push(`T-${i},TIKTOK,2025-02-${day}T12:00:00-05:00,DELIVERED,buyer-${i % 9000},Buyer ${i % 9000},,${100 + (i % 9000)} Main St,,Austin,TX,78701,US,p-${i % 40},Product ${i % 40},,1,${10 + (i % 7)}.50,0.80,0,0,0`);
    }
    await openImport(DESKTOP, cedar);
    await page.getByTestId('import-file-input').setInputFiles(csvFile('big-store-export.csv', rows.join('\n') + '\n'));
    await expect.poll(() => page.getByTestId('import-file-counts').innerText(), { timeout: 30_000 }).toBe('40,000 orders, 40,000 lines');
    const states = await uploadAndWait();
    expect(states).toContain('import-progress:running');
    expect(states.at(-1)).toBe('import-outcome:done');
    expect(await outcome('created')).toBe('40,000');
    const texts = await page.evaluate(() => (window as unknown as { progressTexts: string[] }).progressTexts);
    const paced = texts.filter((text) => / of 40,000 rows read · [\d,]+ rows\/s · (about [\dhmins ]+|a moment) left$/.test(text));
    expect(paced.length, texts.join('\n')).toBeGreaterThan(0);
    // The bar follows the rows read.
    for (const text of paced) {
      const [, percent, read] = /^(\d+)% ([\d,]+) of/.exec(text)!;
      expect(Number(percent)).toBe(Math.floor((Number(read!.replaceAll(',', '')) / orders) * 100));
    }
    expect(problems).toEqual([]);
  });

  it('shows the bytes sent while a large file uploads on a slow connection, then the job’s progress', async () => {
    const alder = await createShop('Alder Lane Goods');
    const orders = 6_000;
    const text = templateExport(orders, 'A');
    const bytes = Buffer.byteLength(text);
    await openImport(DESKTOP, alder);
    await page.getByTestId('import-file-input').setInputFiles(csvFile('alder-lane-orders.csv', text));
    await expect.poll(() => page.getByTestId('import-file-counts').innerText(), { timeout: 30_000 }).toBe('6,000 orders, 6,000 lines');

    // About 1.3 MB at 256 KB/s: five seconds of sending.
    const unthrottle = await throttleUpload(256 * 1024);
    try {
      const bar = page.getByRole('progressbar', { name: 'Upload progress' });
      const upload = uploadAndWait();
      await page.waitForFunction(
        () => {
          const now = Number(document.querySelector('[role="progressbar"][aria-label="Upload progress"]')?.getAttribute('aria-valuenow'));
          return now > 0 && now < 100;
        },
        undefined,
        { timeout: 30_000, polling: 'raf' },
      );
      expect(await bar.getAttribute('aria-valuemin')).toBe('0');
      expect(await bar.getAttribute('aria-valuemax')).toBe('100');
      expect(await bar.getAttribute('aria-valuetext')).toMatch(/^Sending the file: [\d.]+ (B|KB|MB) of 1\.\d MB$/);
      expect(await page.getByTestId('import-send-progress').innerText()).toMatch(/^Sending the file: [\d.]+ (B|KB|MB) of 1\.\d MB$/);

      const states = await upload;
      expect(states.at(-1)).toBe('import-outcome:done');
      expect(await outcome('created')).toBe('6,000');
      expect(await page.getByTestId('import-send-progress').count()).toBe(0);
    } finally {
      await unthrottle();
    }
    const sent = await uploadSent();
    // The bar rose step by step as the bytes left, never back, to the whole file.
    expect(sent.filter((value) => value > 0 && value < 100).length, sent.join(' ')).toBeGreaterThanOrEqual(3);
    expect(sent, sent.join(' ')).toEqual([...sent].sort((a, b) => a - b));
    expect(sent.at(-1)).toBe(100);
    expect(bytes).toBeGreaterThan(1024 * 1024);
    expect(problems).toEqual([]);
  });

  it('a session ended on the server while the page follows the import: the sign-in page, saying why', async () => {
    const birch = await createShop('Birch & Bramble');
    const text = templateExport(3_000, 'B');
    const answers: Array<{ method: string; path: string; status: number }> = [];
    const onResponse = (response: Response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/api/imports')) answers.push({ method: response.request().method(), path: url.pathname, status: response.status() });
    };
    page.on('response', onResponse);
    await openImport(DESKTOP, birch);
    await page.getByTestId('import-file-input').setInputFiles(csvFile('birch-orders.csv', text));
    await expect.poll(() => page.getByTestId('import-file-counts').innerText(), { timeout: 30_000 }).toBe('3,000 orders, 3,000 lines');

    // About 640 KB at 128 KB/s: the upload, already let in, is still sending when the owner signs out
    // everywhere from another device.
    const unthrottle = await throttleUpload(128 * 1024);
    try {
      await page.getByTestId('import-upload').click();
      await page.waitForFunction(
        () => Number(document.querySelector('[role="progressbar"][aria-label="Upload progress"]')?.getAttribute('aria-valuenow')) >= 10,
        undefined,
        { timeout: 30_000, polling: 'raf' },
      );
      await signOutEverywhereFromElsewhere(env.url, birch.owner);
      await page.getByRole('heading', { name: 'Sign in to your shop' }).waitFor({ timeout: 60_000 });
    } finally {
      await unthrottle();
      page.off('response', onResponse);
    }
    expect(await page.getByTestId('sign-in-notice').innerText()).toBe(SESSION_ENDED);
    expect(await page.getByRole('heading', { name: 'Import orders' }).count()).toBe(0);
    expect(await pageStorage(page)).toEqual({ local: {}, session: {} });
    // The file was taken (202), then the page's next question was refused: its job's state or the
    // list of uploads, whichever it asked first once the upload was in.
    const posted = answers.find((a) => a.method === 'POST');
    expect(posted?.status, JSON.stringify(answers)).toBe(202);
    const afterUpload = answers.slice(answers.indexOf(posted!) + 1);
    expect(afterUpload.filter((a) => a.method === 'GET').map((a) => a.status), JSON.stringify(answers)).toContain(401);
    expect(problems).toEqual([]);
  });

  it('fits a 375 px phone without sideways scrolling, and the file picker opens from the keyboard', async () => {
    await openImport(PHONE);
    await expect.poll(historyRows, { timeout: 30_000 }).toHaveLength(4);
    expect(await page.getByTestId('import-history').innerText()).not.toContain('big-store-export.csv');
    // Listening before the keys are pressed: Playwright turns the interception of file choosers
    // on asynchronously, and a chooser opened before that is a native one it never reports.
    const chooser = page.waitForEvent('filechooser', { timeout: 20_000 });
    // Tab from the page's start to the drop zone's button, then Enter opens the picker.
    await page.locator('body').focus();
    let reached = false;
    for (let i = 0; i < 20 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent === 'Choose a file…');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(csvFile('seller-center-orders.csv', tiktokExport(TIKTOK_ROWS)));
    await expect.poll(() => page.getByTestId('import-file-counts').innerText()).toBe('3 orders, 4 lines');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: `${ARTIFACTS}import-phone.png`, fullPage: true });

    await page.goto(`${env.url}/insights/tiktok`);
    await waitForInsights();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(problems).toEqual([]);
  });
});
