import { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import type { AuthThrottle } from '../../modules/auth/auth-throttle.js';
import { resolveViewer, shopScopeOf } from '../../modules/auth/viewer.js';
import { crossoverCustomersExport } from '../../modules/crossover/crossover-customers.export.js';
import { marketingListExport } from '../../modules/customers/marketing-list.export.js';
import { findShop } from '../../modules/shops/shop.service.js';
import type { ShopRecord } from '../../modules/shops/shop.record.js';
import { requireTikTokConnected } from '../../modules/tiktok/tiktok.service.js';
import { writeCsv, type CsvExport } from '../../platform/csv-export/csv-export.service.js';
import { exportFailure, exportRefused } from '../../platform/csv-export/export-errors.js';
import { ExportFiles, type ExportFile } from '../../platform/csv-export/export-files.js';
import { DEFAULT_EXPORT_SETTINGS, ExportPlaces, Turns, type ExportSettings } from '../../platform/csv-export/export-limits.js';
import { sendFile, StalledDownloadError } from '../../platform/csv-export/send-file.js';
import { sidePool } from '../../platform/database/side-pool.js';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import { loggableError, type Logger } from '../../platform/logging/logger.js';
import { httpErrorOf, sendHttpError } from './error-response.js';

interface Deps {
  dataSource: DataSource;
  logger: Logger;
  adminToken: string | null;
  authThrottle: AuthThrottle;
  exports?: Partial<ExportSettings>;
}

export interface Exports {
  router: Router;
  /** Closes the exports' database connections (in the background: a vanished server may never answer). */
  close(): void;
}

/** A list's export: its spec, from the caller's shop and the request's query parameters. */
type ListExport = (shop: ShopScope, record: ShopRecord, query: unknown) => Promise<CsvExport<any, any>>;

/**
 * CSV downloads of the long lists ("All results" in the dashboard's menus), with the same shop
 * token as GraphQL in `Authorization: Bearer`; the columns and cell formats are the dashboard's
 * own (docs/api.md, "CSV exports").
 *
 * The query's rows are written to a temporary file at the database's pace, on a small pool of the
 * exports' own, and the connection goes back as soon as the query is done; the file is then sent
 * at the client's pace, with its length, so that a slow client gets the whole file (the statement
 * timeout never sees it) and a client that stops reading holds no database connection. Places are
 * limited per shop and in all (429 with Retry-After beyond), and a download that takes nothing
 * for EXPORT_STALL_TIMEOUT_MS is cut off (short of its Content-Length, never a complete-looking
 * file).
 */
export function createExports(deps: Deps): Exports {
  const settings: ExportSettings = { ...DEFAULT_EXPORT_SETTINGS, ...deps.exports };
  const places = new ExportPlaces(settings);
  const files = new ExportFiles(settings.tempDir, settings.tempMaxBytes);
  const queryTurns = new Turns(settings.databaseConnections);
  const pool = sidePool(
    deps.dataSource,
    'replica',
    { max: settings.databaseConnections, idleTimeoutMillis: 30_000, application_name: 'tiktok-insights-exports' },
    (error) => deps.logger.warn({ err: loggableError(error) }, 'an idle export connection failed'),
  );

  /** Writes the export's file; the database connection is held only while the query runs. */
  async function prepare(spec: CsvExport<any, any>, file: ExportFile, signal: AbortSignal): Promise<number> {
    const giveBack = await queryTurns.take(signal);
    try {
      const client = await pool.connect();
      let failure: Error | undefined;
      try {
        return await writeCsv(client, file.writer(), spec, signal);
      } catch (error) {
        failure = error as Error;
        throw error;
      } finally {
        // A connection left by a failed or abandoned query is closed rather than reused.
        client.release(failure);
      }
    } finally {
      giveBack();
    }
  }

  const handle =
    (name: string, exportOf: ListExport) =>
    async (req: Request, res: Response) => {
      const started = performance.now();
      // The client closing the connection before the last byte: the export stops where it is.
      const gone = new AbortController();
      res.once('close', () => {
        if (!res.writableFinished) gone.abort(new Error('the client closed the connection'));
      });
      let releasePlace: (() => void) | null = null;
      let file: ExportFile | null = null;
      let shopId: string | null = null;
      try {
        const viewer = await resolveViewer({ authorization: req.headers.authorization, clientAddress: req.ip }, deps);
        const scope = shopScopeOf(viewer, deps.dataSource, 'Exports need a shop token.');
        const shop = await findShop(scope);
        shopId = shop.id;
        await requireTikTokConnected(scope);
        const spec = await exportOf(scope, shop, req.query);
        const admission = places.admit(shop.id);
        if (!admission.admitted) {
          deps.logger.info({ shopId: shop.id, export: name, limit: admission.reason }, 'csv export refused: too many at once');
          throw exportRefused(admission.reason, settings.perShop);
        }
        releasePlace = admission.release;
        file = await files.create();
        const rows = await prepare(spec, file, gone.signal);
        const preparedMs = Math.round(performance.now() - started);
        res.status(200);
        res.setHeader('content-type', 'text/csv; charset=utf-8');
        res.setHeader('content-disposition', `attachment; filename="${name}-${spec.asOf}.csv"`);
        res.setHeader('content-length', String(file.size));
        res.setHeader('cache-control', 'no-store');
        await sendFile(file, res, settings.stallTimeoutMs);
        deps.logger.info({ shopId: shop.id, export: name, rows, bytes: file.size, preparedMs, ms: Math.round(performance.now() - started) }, 'csv export');
      } catch (error) {
        if (res.headersSent) {
          const reason = error instanceof StalledDownloadError ? 'stalled' : gone.signal.aborted ? 'client closed' : 'failed';
          deps.logger.warn({ shopId, export: name, reason, ...(reason === 'failed' ? { err: loggableError(error) } : {}) }, 'csv export stopped');
          res.destroy();
          return;
        }
        if (gone.signal.aborted) {
          deps.logger.info({ shopId, export: name, ms: Math.round(performance.now() - started) }, 'csv export abandoned by its client');
          return;
        }
        const known = exportFailure(error, files.bytesInUse - (file?.size ?? 0) > 0);
        const answer = known ? httpErrorOf(known) : { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' };
        if (!known) deps.logger.error({ export: name, err: loggableError(error) }, 'csv export failed');
        else if (answer.status >= 500) deps.logger.warn({ shopId, export: name, err: loggableError(error) }, 'csv export failed');
        sendHttpError(res, answer);
      } finally {
        await file?.close();
        releasePlace?.();
      }
    };

  const router = Router();
  router.get('/tiktok-customers.csv', handle('tiktok-customers', marketingListExport));
  router.get('/crossover-customers.csv', handle('crossover-customers', crossoverCustomersExport));

  return {
    router,
    close() {
      pool.end().catch(() => {});
    },
  };
}
