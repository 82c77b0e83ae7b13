import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { addDays, todayInZone, type WeekStart } from '@tiktok-insights/shared';
import { openDatabase, startEmbeddedPostgres, preferredOrFreePort, observeQueries, DEMO_SHOP, generateDemo, startServer, createLogger, createShop, createShopToken, addPerson, TEST_PASSWORD } from '@tiktok-insights/api/testing';
import { memoryOf, sampleRss, startApiProcess } from './api-process.js';
import { runBaseline } from './baseline-sql.js';
import { datasetFacts, ensureDataset, SCALES } from './dataset.js';
import { dashboardDocument, withAsOf } from './dashboard-document.js';
import { graphql, loadGraphQL } from './load.js';
import { measureSpa } from './spa.js';
import { measureUpload } from './upload.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const log = (line: string) => console.log(line);
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    scale: { type: 'string', default: 'full' },
    requests: { type: 'string', default: '200' },
    // `--only upload`: the data set, the other shop's idle dashboard and the upload run, nothing else.
    // `--only import`: the data set and the importOrders run, nothing else.
    // `--only dataset`: build (or check) the data set and stop.
    only: { type: 'string' },
  },
});
if (values.scale !== 'full' && values.scale !== 'small') throw new Error('--scale is full or small');
if (values.only !== undefined && !['upload', 'import', 'dataset'].includes(values.only)) throw new Error('--only takes upload, import or dataset');
const scale = SCALES[values.scale];
const requests = Number(values.requests);
/** The upload run's file: spec'd at a million rows; small enough for CI at the small scale. */
const uploadRows = values.scale === 'full' ? 1_000_000 : 30_000;

/** What must be stopped if the run is interrupted (Ctrl-C): the API process and the database. */
const cleanups: Array<() => Promise<void>> = [];
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`\n${signal}: stopping the API and the database…`);
    void Promise.allSettled(cleanups.reverse().map((stop) => stop())).then(() => process.exit(130));
  });
}

async function main() {
  const embedded = process.env.BENCH_DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: `${HERE}.data`, port: await preferredOrFreePort(54339), logger: createLogger('warn'), database: 'bench' });
  if (embedded) cleanups.push(() => embedded.stop());
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? embedded!.url;
  const { dataSource: db } = await openDatabase({ url: databaseUrl, statementTimeoutMs: 600_000 });
  try {
    const dataset = await ensureDataset(db, scale, log);
    if (!dataset.built) {
      // A reused data set carries the dead rows of earlier runs' imports and uploads: vacuumed now,
      // not by autovacuum while the dashboards are measured.
      const started = performance.now();
      await db.query('VACUUM ANALYZE');
      log(`reused data set vacuumed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    const big = await datasetFacts(db, dataset.bigShopId);
    log(
      `big shop: ${big.tiktok_orders.toLocaleString()} TikTok and ${big.store_orders.toLocaleString()} store orders, ` +
        `${big.tiktok_customers.toLocaleString()} TikTok customers, ${big.products} products, ` +
        `${(big.lines / (big.tiktok_orders + big.store_orders)).toFixed(2)} lines an order, ${big.first_day} … ${big.last_day}`,
    );
    if (values.only === 'dataset') return;
    const bigToken = (await createShopToken(db, dataset.bigShopId, 'benchmark')).token;
    const ordinaryToken = (await createShopToken(db, dataset.ordinaryShopIds[0]!, 'benchmark')).token;
    const document = await dashboardDocument();
    log(`dashboard operation: ${document.source}`);

    const api = await startApiProcess(databaseUrl);
    cleanups.push(() => api.stop());
    try {
      const dashboard = (token: string, options: { connections: number; amount?: number; duration?: number }) =>
        loadGraphQL({ url: api.url, token, query: document.query, variables: document.variables, ...options });

      const runUpload = async (idle: { p95: number }) => {
        // A shop of its own, in the same tables as the big shop: the kept data set stays as it was built.
        const { token: uploadToken } = await createShop(db, { ...DEMO_SHOP, name: `Bench Upload ${Date.now()}` });
        log(`order file upload into a new shop (${uploadRows.toLocaleString()} rows of a TikTok export)…`);
        const upload = await measureUpload({
          url: api.url,
          apiPid: api.pid,
          token: uploadToken,
          otherToken: ordinaryToken,
          dashboard: document,
          rows: uploadRows,
          endDay: dataset.endDay,
          log,
        });
        return { ...upload, otherShopIdleP95: idle.p95, otherShopP95Ratio: upload.otherShopDuringJob.p95 / idle.p95 };
      };
      const importOrders = () => measureImports(db, api.url, values.scale === 'full' ? 100_000 : 10_000);
      if (values.only === 'import') {
        log('importOrders throughput…');
        console.log(JSON.stringify({ import: await importOrders() }, null, 2));
        return;
      }
      if (values.only === 'upload') {
        await dashboard(ordinaryToken, { connections: 1, amount: 20 });
        log(`ordinary shop dashboard, ${requests} requests…`);
        const ordinary = await dashboard(ordinaryToken, { connections: 1, amount: requests });
        const upload = await runUpload(ordinary);
        console.log(JSON.stringify({ ordinaryShopDashboard: ordinary, upload }, null, 2));
        return;
      }

      log('warming up…');
      await dashboard(bigToken, { connections: 1, amount: 20 });
      await dashboard(ordinaryToken, { connections: 1, amount: 20 });
      log(`big shop dashboard, ${requests} requests one at a time…`);
      const bigSerial = await dashboard(bigToken, { connections: 1, amount: requests });
      log('big shop dashboard, 8 concurrent clients for 10 s…');
      const bigConcurrent = await dashboard(bigToken, { connections: 8, duration: 10 });
      log(`ordinary shop dashboard, ${requests} requests…`);
      const ordinary = await dashboard(ordinaryToken, { connections: 1, amount: requests });

      // A past asOf: kept summaries corrected for what came after that day. Besides 30 days back,
      // the second-to-last day of the month before, where the cohort period holding asOf is
      // nearly whole (the most of its buyers a past asOf can ask for).
      const pastAsOf = addDays(todayInZone(DEMO_SHOP.timezone), -30);
      const lateInMonthAsOf = addDays(`${todayInZone(DEMO_SHOP.timezone).slice(0, 8)}01`, -2);
      const pastRequests = 50;
      const pastDashboard = async (token: string, asOf: string) => {
        const past = { query: withAsOf(document.query), variables: { ...document.variables, asOf } };
        await graphql(api.url, token, past.query, past.variables); // throws on a GraphQL error: a fast error is no timing
        return loadGraphQL({ url: api.url, token, ...past, connections: 1, amount: pastRequests });
      };
      log(`dashboards as of ${pastAsOf} and ${lateInMonthAsOf}, ${pastRequests} requests each…`);
      const bigPast = await pastDashboard(bigToken, pastAsOf);
      const ordinaryPast = await pastDashboard(ordinaryToken, pastAsOf);
      const bigLateInMonth = await pastDashboard(bigToken, lateInMonthAsOf);

      log('ad-hoc SQL baseline (3 runs)…');
      const shopSettings = { id: dataset.bigShopId, timezone: DEMO_SHOP.timezone, weekStartsOn: DEMO_SHOP.weekStartsOn as WeekStart };
      const asOf = todayInZone(DEMO_SHOP.timezone);
      const baselines = [];
      for (let run = 0; run < 3; run++) baselines.push(await runBaseline(db, shopSettings, asOf));
      baselines.sort((a, b) => a.totalMs - b.totalMs);
      const baseline = baselines[1]!;

      log('SQL statements of one dashboard operation…');
      const statements = await countStatements(db, bigToken, document.query, document.variables);

      // RSS growth of one export varies with when the collector runs: five runs, min and max reported.
      log("CSV export of the big shop's marketing list (5 runs)…");
      const exportRuns = [];
      for (let run = 0; run < 5; run++) {
        const measured = await sampleRss(api.pid, () => exportMarketingList(api.url, bigToken));
        exportRuns.push({ ...measured.result, rssGrowthBytes: measured.max - measured.before });
      }

      log('importOrders throughput…');
      const imports = await importOrders();

      const upload = await runUpload(ordinary);

      // The dashboard as its owner opens it: signed in, with the session cookie.
      const owner = `bench-${Date.now()}@bench.test`;
      await addPerson(db, dataset.ordinaryShopIds[0]!, owner, 'owner');
      const spa = await measureSpa(api.url, { email: owner, password: TEST_PASSWORD });
      const peakRss = memoryOf(api.pid).peak;

      const results = {
        scale: scale.name,
        measuredAt: new Date().toISOString(),
        dataset: { ...big, built: dataset.built, buildSeconds: dataset.buildSeconds, ordinaryShops: dataset.ordinaryShopIds.length },
        dashboardOperation: document.source,
        bigShopDashboard: { serial: bigSerial, concurrent8: bigConcurrent },
        ordinaryShopDashboard: ordinary,
        pastAsOfDashboard: { asOf: pastAsOf, big: bigPast, ordinary: ordinaryPast },
        lateInMonthAsOfDashboard: { asOf: lateInMonthAsOf, big: bigLateInMonth },
        baseline: { ...baseline, ratioToApiP50: baseline.totalMs / bigSerial.p50 },
        sqlStatementsPerDashboard: statements,
        import: imports,
        upload,
        csvExport: {
          runs: exportRuns,
          rows: exportRuns[0]!.rows,
          ms: Math.min(...exportRuns.map((run) => run.ms)),
          rssGrowthMinBytes: Math.min(...exportRuns.map((run) => run.rssGrowthBytes)),
          rssGrowthMaxBytes: Math.max(...exportRuns.map((run) => run.rssGrowthBytes)),
        },
        apiPeakRssBytes: peakRss,
        spa,
      };
      writeFileSync(`${HERE}results.json`, JSON.stringify(results, null, 2) + '\n');
      printReport(results);
    } finally {
      await api.stop();
    }
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}

async function exportMarketingList(url: string, token: string) {
  const started = performance.now();
  const response = await fetch(`${url}/api/exports/tiktok-customers.csv`, { headers: { authorization: `Bearer ${token}` } });
  let bytes = 0;
  let newlines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) newlines += 1;
  }
  return { ms: performance.now() - started, bytes, rows: newlines - 1, status: response.status };
}

async function countStatements(db: Parameters<typeof startServer>[0]['dataSource'], token: string, query: string, variables: Record<string, unknown>) {
  const server = await startServer({ dataSource: db, logger: createLogger('silent'), adminToken: null }, 0, '127.0.0.1');
  try {
    await graphql(server.url, token, query, variables);
    let count = 0;
    const stop = observeQueries(() => (count += 1));
    await graphql(server.url, token, query, variables);
    stop();
    return count;
  } finally {
    await server.stop();
  }
}

async function measureImports(db: Parameters<typeof createShop>[0], url: string, orders: number) {
  const { shop, token } = await createShop(db, { ...DEMO_SHOP, name: `Bench Import ${Date.now()}` });
  const endDay = addDays(todayInZone(DEMO_SHOP.timezone), -1);
  const { orders: generated } = generateDemo({ seed: 999, endDay, days: 365, tiktokOrders: orders * 0.7, storeOrders: orders * 0.3 });
  const mutation = `mutation ($orders: [OrderInput!]!) { importOrders(orders: $orders) { created updated unchanged } }`;
  const started = performance.now();
  for (let i = 0; i < generated.length; i += 1000) {
    await graphql(url, token, mutation, { orders: generated.slice(i, i + 1000) });
  }
  const seconds = (performance.now() - started) / 1000;

  // An order imported now is on the dashboard in the very next read: the summaries are written
  // in the import's transaction.
  const before = await graphql<any>(url, token, `{ shop { tiktokInsights { allTime { totalOrders } } } }`);
  const one = generateDemo({ seed: 1000, endDay: todayInZone(DEMO_SHOP.timezone), days: 1, tiktokOrders: 5, storeOrders: 1 })
    .orders.filter((o) => o.channel === 'TIKTOK' && o.status !== 'CANCELLED' && o.status !== 'REFUNDED' && o.status !== 'UNPAID')
    .slice(0, 1)
    .map((o) => ({ ...o, externalId: `fresh-${Date.now()}`, placedAt: new Date().toISOString() }));
  await graphql(url, token, mutation, { orders: one });
  const committed = performance.now();
  const after = await graphql<any>(url, token, `{ shop { tiktokInsights { allTime { totalOrders } } } }`);
  const visibleAfterMs = performance.now() - committed;
  return {
    shopId: shop.id,
    orders: generated.length,
    batches: Math.ceil(generated.length / 1000),
    seconds,
    ordersPerSecond: generated.length / seconds,
    visibleOnFirstRead: after.data.shop.tiktokInsights.allTime.totalOrders === before.data.shop.tiktokInsights.allTime.totalOrders + one.length,
    commitToDashboardMs: visibleAfterMs,
  };
}

function status(value: number, target: number, lowerIsBetter = true) {
  const met = lowerIsBetter ? value <= target : value >= target;
  return met ? 'met' : 'MISSED';
}

function printReport(r: any) {
  const rows: Array<[string, string, string, string]> = [
    ['Big shop dashboard p50 (serial)', ms(r.bigShopDashboard.serial.p50), '≤ 50 ms', status(r.bigShopDashboard.serial.p50, 50)],
    ['Big shop dashboard p95 (serial)', ms(r.bigShopDashboard.serial.p95), '≤ 100 ms', status(r.bigShopDashboard.serial.p95, 100)],
    ['Big shop dashboard p99 (serial)', ms(r.bigShopDashboard.serial.p99), '', ''],
    ['Big shop, 8 clients: req/s', r.bigShopDashboard.concurrent8.requestsPerSecond.toFixed(1), '', ''],
    ['Big shop, 8 clients: p50 / p99', `${ms(r.bigShopDashboard.concurrent8.p50)} / ${ms(r.bigShopDashboard.concurrent8.p99)}`, '', ''],
    ['Ordinary shop dashboard p50', ms(r.ordinaryShopDashboard.p50), '≤ 30 ms', status(r.ordinaryShopDashboard.p50, 30)],
    [`Big shop dashboard as of ${r.pastAsOfDashboard.asOf} p50`, `${ms(r.pastAsOfDashboard.big.p50)} (${(r.pastAsOfDashboard.big.p50 / r.bigShopDashboard.serial.p50).toFixed(1)}× today's)`, '≤ 2× today', status(r.pastAsOfDashboard.big.p50 / r.bigShopDashboard.serial.p50, 2)],
    ['Ordinary shop dashboard, same asOf, p50', `${ms(r.pastAsOfDashboard.ordinary.p50)} (${(r.pastAsOfDashboard.ordinary.p50 / r.ordinaryShopDashboard.p50).toFixed(1)}× today's)`, '≤ 2× today', status(r.pastAsOfDashboard.ordinary.p50 / r.ordinaryShopDashboard.p50, 2)],
    [`Big shop dashboard as of ${r.lateInMonthAsOfDashboard.asOf} p50`, `${ms(r.lateInMonthAsOfDashboard.big.p50)} (${(r.lateInMonthAsOfDashboard.big.p50 / r.bigShopDashboard.serial.p50).toFixed(1)}× today's)`, '≤ 2× today', status(r.lateInMonthAsOfDashboard.big.p50 / r.bigShopDashboard.serial.p50, 2)],
    ['Ad-hoc SQL baseline (median of 3)', ms(r.baseline.totalMs), '', ''],
    ['Baseline ÷ API p50', `${r.baseline.ratioToApiP50.toFixed(1)}×`, '≥ 20×', status(r.baseline.ratioToApiP50, 20, false)],
    ['SQL statements per dashboard', String(r.sqlStatementsPerDashboard), '≤ 25', status(r.sqlStatementsPerDashboard, 25)],
    ['importOrders throughput', `${Math.round(r.import.ordersPerSecond).toLocaleString()} orders/s`, '≥ 10,000/s', status(r.import.ordersPerSecond, 10_000, false)],
    ['Import commit → dashboard', `${r.import.visibleOnFirstRead ? 'next read' : 'NOT on next read'} (${ms(r.import.commitToDashboardMs)})`, 'at once', r.import.visibleOnFirstRead ? 'met' : 'MISSED'],
    [`Order file upload (${r.upload.rows.toLocaleString()} rows, ${r.upload.orders.toLocaleString()} orders)`, `${Math.round(r.upload.rowsPerSecond).toLocaleString()} rows/s (${r.upload.seconds.toFixed(1)} s)`, '≥ 20,000 rows/s', status(r.upload.rowsPerSecond, 20_000, false)],
    ['Upload: API RSS growth', mb(r.upload.rssGrowthBytes), '≤ 100 MB', status(r.upload.rssGrowthBytes, 100 * 1024 * 1024)],
    ['Upload: other shop dashboard p95', `${ms(r.upload.otherShopDuringJob.p95)} (idle ${ms(r.upload.otherShopIdleP95)}, ${r.upload.otherShopP95Ratio.toFixed(1)}×)`, '≤ 3× idle', status(r.upload.otherShopP95Ratio, 3)],
    ['API peak RSS', mb(r.apiPeakRssBytes), '≤ 300 MB', status(r.apiPeakRssBytes, 300 * 1024 * 1024)],
    [`CSV export (${r.csvExport.rows.toLocaleString()} rows), fastest of 5`, ms(r.csvExport.ms), '', ''],
    ['CSV export RSS growth, min / max of 5', `${mb(r.csvExport.rssGrowthMinBytes)} / ${mb(r.csvExport.rssGrowthMaxBytes)}`, '≤ 50 MB', status(r.csvExport.rssGrowthMaxBytes, 50 * 1024 * 1024)],
    ['SPA initial JS (gzip)', r.spa.initialJsGzipBytes === null ? 'not measured' : `${(r.spa.initialJsGzipBytes / 1024).toFixed(0)} KB`, '≤ 250 KB', r.spa.initialJsGzipBytes === null ? '' : status(r.spa.initialJsGzipBytes, 250 * 1024)],
    ['SPA demo dashboard drawn', r.spa.drawnMs === null ? `not measured (${r.spa.note})` : ms(r.spa.drawnMs), '≤ 1500 ms', r.spa.drawnMs === null ? '' : status(r.spa.drawnMs, 1500)],
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  console.log('\n' + rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n'));
  console.log(`\nbaseline statements: ${r.baseline.statements.map((s: any) => `${s.name} ${ms(s.ms)}`).join('; ')}`);
  console.log(`results written to bench/results.json`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
