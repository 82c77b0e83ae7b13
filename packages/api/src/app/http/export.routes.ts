import { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { resolveViewer, shopScopeOf, type ViewerDeps } from '../../modules/auth/viewer.js';
import { credentialsOf } from './caller.js';
import { crossoverCustomersExport } from '../../modules/crossover/crossover-customers.export.js';
import { marketingListExport } from '../../modules/customers/marketing-list.export.js';
import { findShop } from '../../modules/shops/shop.service.js';
import type { ShopRecord } from '../../modules/shops/shop.record.js';
import { requireTikTokConnected } from '../../modules/tiktok/tiktok.service.js';
import type { CsvExport } from '../../platform/csv-export/csv-export.service.js';
import { CsvExporter } from '../../platform/csv-export/csv-exporter.js';
import { exportFailure } from '../../platform/csv-export/export-errors.js';
import type { ExportSettings } from '../../platform/csv-export/export-limits.js';
import { StalledDownloadError } from '../../platform/csv-export/send-file.js';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import { loggableError, type Logger } from '../../platform/logging/logger.js';
import { httpErrorOf, sendHttpError } from './error-response.js';

interface Deps extends ViewerDeps {
  dataSource: DataSource;
  logger: Logger;
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
 * own (docs/api.md, "CSV exports"). Each list's module makes its export from the request's
 * parameters; platform/csv-export's CsvExporter prepares the file and sends it at the client's pace.
 */
export function createExports(deps: Deps): Exports {
  const exporter = new CsvExporter(deps.dataSource, deps.logger, deps.exports);

  /** The caller's shop, as GraphQL authenticates it; its TikTok list's export spec; then the file. */
  const handle =
    (name: string, exportOf: ListExport) =>
    async (req: Request, res: Response) => {
      const started = performance.now();
      // The client closing the connection before the last byte: the export stops where it is.
      const gone = new AbortController();
      res.once('close', () => {
        if (!res.writableFinished) gone.abort(new Error('the client closed the connection'));
      });
      let shopId: string | null = null;
      try {
        const viewer = await resolveViewer(credentialsOf(req), deps);
        const scope = shopScopeOf(viewer, deps.dataSource, 'Exports need an API key or a signed-in person.');
        const shop = await findShop(scope);
        shopId = shop.id;
        await requireTikTokConnected(scope);
        const spec = await exportOf(scope, shop, req.query);
        await exporter.send({ shopId: shop.id, name, started }, spec, res, gone.signal);
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
        const known = exportFailure(error);
        const answer = known ? httpErrorOf(known) : { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' };
        if (!known) deps.logger.error({ export: name, err: loggableError(error) }, 'csv export failed');
        else if (answer.status >= 500) deps.logger.warn({ shopId, export: name, err: loggableError(error) }, 'csv export failed');
        sendHttpError(res, answer);
      }
    };

  const router = Router();
  router.get('/tiktok-customers.csv', handle('tiktok-customers', marketingListExport));
  router.get('/crossover-customers.csv', handle('crossover-customers', crossoverCustomersExport));

  return { router, close: () => exporter.close() };
}
