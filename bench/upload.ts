import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DEMO_SHOP, writeDemoExportFiles } from '@tiktok-insights/api/testing';
import { memoryOf } from './api-process.js';
import { graphql, percentile } from './load.js';

export interface UploadRun {
  rows: number;
  orders: number;
  fileBytes: number;
  generateSeconds: number;
  /** From the first byte sent to the job reported done. */
  seconds: number;
  rowsPerSecond: number;
  counts: { created: number; updated: number; unchanged: number };
  rssBeforeBytes: number;
  rssMaxBytes: number;
  rssGrowthBytes: number;
  /** The other shop's full dashboard, one request at a time, while the job ran. */
  otherShopDuringJob: { requests: number; p50: number; p95: number };
}

interface Job {
  status: string;
  rowsRead: number;
  ordersCreated: number | null;
  ordersUpdated: number | null;
  ordersUnchanged: number | null;
  errors: unknown[] | null;
}

/**
 * A generated TikTok Seller Center export (large baskets, about three rows an order) uploaded
 * through POST /api/imports as a seller's browser sends it (into a new shop, whose orders go into
 * the same tables as the data set's), timed until the job reports done. Meanwhile another shop's
 * dashboard is asked for one request at a time, and the API's RSS is sampled.
 */
export async function measureUpload(options: {
  url: string;
  apiPid: number;
  token: string;
  otherToken: string;
  dashboard: { query: string; variables: Record<string, unknown> };
  rows: number;
  endDay: string;
  log: (line: string) => void;
}): Promise<UploadRun> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-upload-'));
  try {
    const generating = performance.now();
    const written = await writeDemoExportFiles(dir, {
      seed: 4242,
      endDay: options.endDay,
      days: 365,
      timeZone: DEMO_SHOP.timezone,
      tiktokOrders: Math.round(options.rows / 3),
      storeOrders: 1,
      products: 5000,
      largeBaskets: true,
    });
    const generateSeconds = (performance.now() - generating) / 1000;
    const fileBytes = (await stat(written.tiktokFile)).size;
    options.log(`  ${written.tiktokOrders.toLocaleString()} orders, ${(fileBytes / 1e6).toFixed(0)} MB, generated in ${generateSeconds.toFixed(0)} s`);

    const rssBefore = memoryOf(options.apiPid).rss;
    let rssMax = rssBefore;
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, memoryOf(options.apiPid).rss)), 50);
    const latencies: number[] = [];
    let finished = false;
    const otherShop = (async () => {
      while (!finished) latencies.push((await graphql(options.url, options.otherToken, options.dashboard.query, options.dashboard.variables)).ms);
    })();
    try {
      const started = performance.now();
      const response = await fetch(`${options.url}/api/imports?filename=tiktok-orders.csv`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'text/csv', 'content-length': String(fileBytes) },
        body: Readable.toWeb(createReadStream(written.tiktokFile)) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      const accepted = (await response.json()) as { id?: string };
      if (response.status !== 202 || !accepted.id) throw new Error(`upload answered ${response.status}: ${JSON.stringify(accepted)}`);
      let job: Job;
      let lastLog = performance.now();
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        job = (await (await fetch(`${options.url}/api/imports/${accepted.id}`, { headers: { authorization: `Bearer ${options.token}` } })).json()) as Job;
        if (job.status === 'done' || job.status === 'failed') break;
        if (performance.now() - lastLog > 10_000) {
          lastLog = performance.now();
          options.log(`  ${job.status}: ${job.rowsRead.toLocaleString()} rows read after ${((lastLog - started) / 1000).toFixed(0)} s`);
        }
      }
      const seconds = (performance.now() - started) / 1000;
      if (job.status !== 'done') throw new Error(`the upload's job failed: ${JSON.stringify(job.errors).slice(0, 500)}`);
      finished = true;
      await otherShop;
      // The rows as the job's reader counted them (an address may hold a quoted line break).
      const rows = job.rowsRead;
      latencies.sort((a, b) => a - b);
      return {
        rows,
        orders: written.tiktokOrders,
        fileBytes,
        generateSeconds,
        seconds,
        rowsPerSecond: rows / seconds,
        counts: { created: job.ordersCreated ?? 0, updated: job.ordersUpdated ?? 0, unchanged: job.ordersUnchanged ?? 0 },
        rssBeforeBytes: rssBefore,
        rssMaxBytes: rssMax,
        rssGrowthBytes: rssMax - rssBefore,
        otherShopDuringJob: { requests: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
      };
    } finally {
      finished = true;
      clearInterval(sampler);
      await otherShop.catch(() => undefined);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
