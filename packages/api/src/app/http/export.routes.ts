import { Router, type Request, type Response } from 'express';
import { todayInZone } from '@tiktok-insights/shared';
import type { DataSource } from 'typeorm';
import type { AuthThrottle } from '../../modules/auth/auth-throttle.js';
import { resolveViewer } from '../../modules/auth/viewer.js';
import { marketingListState } from '../../modules/customers/tiktok-customers.service.js';
import { TOO_MANY_FAILED_SIGN_INS } from '../../platform/errors/app-error.js';
import { sidePool } from '../../platform/database/side-pool.js';
import { loggableError, type Logger } from '../../platform/logging/logger.js';
import { findShop } from '../../modules/shops/shop.service.js';
import { findTikTokIntegration } from '../../modules/tiktok/tiktok.service.js';
import { writeCsv, type CsvExport } from '../../platform/csv-export/csv-export.service.js';
import { crossoverCustomersExport, marketingListExport } from '../../modules/customers/customer-exports.js';
import { ExportFiles, TempSpaceExhaustedError, type ExportFile } from '../../platform/csv-export/export-files.js';
import { DEFAULT_EXPORT_SETTINGS, EXPORT_RETRY_AFTER_SECONDS, ExportPlaces, Turns, type ExportSettings } from '../../platform/csv-export/export-limits.js';
import { BadParameterError, crossoverQuery, marketingListQuery } from './export-query.js';
import { sendFile, StalledDownloadError } from '../../platform/csv-export/send-file.js';

class ExportError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/** PostgreSQL's query_canceled: the statement timeout (STATEMENT_TIMEOUT_MS) stopped the export's query. */
const QUERY_CANCELED = '57014';

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

type Shop = { id: string; currency: string; timezone: string };

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

  function refusal(reason: 'shop' | 'total'): ExportError {
    return reason === 'shop'
      ? new ExportError(
          429,
          'TOO_MANY_REQUESTS',
          `This shop already has ${settings.perShop} exports in progress; try again when one has finished.`,
          {},
          EXPORT_RETRY_AFTER_SECONDS,
        )
      : new ExportError(429, 'TOO_MANY_REQUESTS', 'The server is busy with other exports; try again shortly.', {}, EXPORT_RETRY_AFTER_SECONDS);
  }

  const handle =
    (name: string, build: (req: Request, shop: Shop) => Promise<CsvExport<any, any>>) =>
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
        if (viewer.kind === 'throttled') {
          res.setHeader('retry-after', String(viewer.retryAfterSeconds));
          throw new ExportError(429, 'TOO_MANY_REQUESTS', TOO_MANY_FAILED_SIGN_INS(viewer.retryAfterSeconds));
        }
        if (viewer.kind === 'admin') throw new ExportError(403, 'FORBIDDEN', 'Exports need a shop token.');
        if (viewer.kind !== 'shop') throw new ExportError(401, 'UNAUTHENTICATED', 'Send a valid token as "Authorization: Bearer <token>".');
        const shop = await findShop(deps.dataSource, viewer.shopId);
        shopId = shop.id;
        if (!(await findTikTokIntegration(deps.dataSource, shop.id)).connected) {
          throw new ExportError(404, 'NOT_FOUND', 'TikTok is disconnected; its data comes back when it is connected again.');
        }
        const spec = await build(req, shop);
        const admission = places.admit(shop.id);
        if (!admission.admitted) {
          deps.logger.info({ shopId: shop.id, export: name, limit: admission.reason }, 'csv export refused: too many at once');
          throw refusal(admission.reason);
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
        const known = knownError(error, files.bytesInUse - (file?.size ?? 0) > 0);
        if (!known) deps.logger.error({ export: name, err: loggableError(error) }, 'csv export failed');
        else if (known.status >= 500) deps.logger.warn({ shopId, export: name, err: loggableError(error) }, 'csv export failed');
        if (known?.retryAfterSeconds != null) res.setHeader('retry-after', String(known.retryAfterSeconds));
        res.status(known?.status ?? 500).json({
          errors: [{ message: known?.message ?? 'Internal server error.', extensions: { code: known?.code ?? 'INTERNAL_SERVER_ERROR', ...known?.extensions } }],
        });
      } finally {
        await file?.close();
        releasePlace?.();
      }
    };

  const router = Router();
  router.get(
    '/tiktok-customers.csv',
    handle('tiktok-customers', async (req, shop) => {
      const query = marketingListQuery(req.query);
      const asOf = query.asOf ?? todayInZone(shop.timezone);
      const { current } = await marketingListState(deps.dataSource, shop.id, asOf);
      return marketingListExport({
        shopId: shop.id,
        asOf,
        current,
        context: { currency: shop.currency, timeZone: shop.timezone },
        field: query.orderBy,
        direction: query.direction,
      });
    }),
  );
  router.get(
    '/crossover-customers.csv',
    handle('crossover-customers', async (req, shop) => {
      const asOf = crossoverQuery(req.query).asOf ?? todayInZone(shop.timezone);
      return crossoverCustomersExport({ shopId: shop.id, asOf, context: { currency: shop.currency, timeZone: shop.timezone } });
    }),
  );

  return {
    router,
    close() {
      pool.end().catch(() => {});
    },
  };
}

/** The refusals and failures the client is told about in words of their own. */
function knownError(error: unknown, othersHoldSpace: boolean): ExportError | null {
  if (error instanceof ExportError) return error;
  if (error instanceof BadParameterError) return new ExportError(400, 'BAD_USER_INPUT', error.message, { parameter: error.parameter });
  if (error instanceof TempSpaceExhaustedError) {
    // Other exports' files hold the space: it comes back when they are sent. Alone, this list is
    // larger than EXPORT_TEMP_MAX_MB allows, and waiting would not help.
    return othersHoldSpace
      ? new ExportError(503, 'SERVICE_UNAVAILABLE', 'The server has no room for this export right now; try again shortly.', {}, EXPORT_RETRY_AFTER_SECONDS)
      : new ExportError(500, 'INTERNAL_SERVER_ERROR', 'This list is larger than the server allows for an export (EXPORT_TEMP_MAX_MB).');
  }
  if (error instanceof Error && (error as { code?: unknown }).code === QUERY_CANCELED) {
    return new ExportError(500, 'INTERNAL_SERVER_ERROR', 'The export took too long and was stopped.', { reason: 'TIMEOUT' });
  }
  return null;
}
