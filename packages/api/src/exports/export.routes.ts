import { Router, type Request, type Response } from 'express';
import { InvalidDateError, parseIsoDay, todayInZone } from '@tiktok-insights/shared';
import type { DataSource } from 'typeorm';
import type { AuthThrottle } from '../auth/auth-throttle.js';
import { resolveViewer } from '../auth/viewer.js';
import { marketingListState } from '../customers/tiktok-customers.service.js';
import { CustomerOrderField, OrderDirection } from '../customers/tiktok-customer.types.js';
import { TOO_MANY_FAILED_SIGN_INS } from '../graphql/errors.js';
import { loggableError, type Logger } from '../logger.js';
import { findShop } from '../shops/shop.service.js';
import { findTikTokIntegration } from '../tiktok/tiktok.service.js';
import { streamCsv, type CsvExport } from './csv-export.service.js';
import { crossoverCustomersExport, marketingListExport } from './customer-exports.js';

class ExportError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function queryParam(req: Request, name: string): string | null {
  const value = req.query[name];
  if (value !== undefined && typeof value !== 'string') throw new ExportError(400, 'BAD_USER_INPUT', `${name} must be given once.`);
  return typeof value === 'string' && value !== '' ? value : null;
}

function asOfParam(req: Request, timezone: string): string {
  const asOf = queryParam(req, 'asOf');
  if (asOf === null) return todayInZone(timezone);
  try {
    return parseIsoDay(asOf);
  } catch (error) {
    if (error instanceof InvalidDateError) throw new ExportError(400, 'BAD_USER_INPUT', error.message);
    throw error;
  }
}

function enumParam<T extends string>(req: Request, name: string, values: Record<T, T>, fallback: T): T {
  const value = queryParam(req, name);
  if (value === null) return fallback;
  if (!(value in values)) {
    throw new ExportError(400, 'BAD_USER_INPUT', `${name} must be one of ${Object.keys(values).join(', ')}.`);
  }
  return value as T;
}

interface Deps {
  dataSource: DataSource;
  logger: Logger;
  adminToken: string | null;
  authThrottle: AuthThrottle;
}

/**
 * CSV downloads of the long lists ("All results" in the dashboard's menus), with the same shop
 * token as GraphQL in `Authorization: Bearer`. Streamed from the database, never held in memory;
 * the columns and cell formats are the dashboard's own (docs/api.md, "CSV exports").
 */
export function exportRoutes(deps: Deps): Router {
  const router = Router();

  const handle =
    (name: string, build: (req: Request, shop: { id: string; currency: string; timezone: string }) => Promise<CsvExport<any, any>>) =>
    async (req: Request, res: Response) => {
      const started = performance.now();
      try {
        const viewer = await resolveViewer({ authorization: req.headers.authorization, clientAddress: req.ip }, deps);
        if (viewer.kind === 'throttled') {
          res.setHeader('retry-after', String(viewer.retryAfterSeconds));
          throw new ExportError(429, 'TOO_MANY_REQUESTS', TOO_MANY_FAILED_SIGN_INS(viewer.retryAfterSeconds));
        }
        if (viewer.kind === 'admin') throw new ExportError(403, 'FORBIDDEN', 'Exports need a shop token.');
        if (viewer.kind !== 'shop') throw new ExportError(401, 'UNAUTHENTICATED', 'Send a valid token as "Authorization: Bearer <token>".');
        const shop = await findShop(deps.dataSource, viewer.shopId);
        if (!(await findTikTokIntegration(deps.dataSource, shop.id)).connected) {
          throw new ExportError(404, 'NOT_FOUND', 'TikTok is disconnected; its data comes back when it is connected again.');
        }
        const spec = await build(req, shop);
        res.status(200);
        res.setHeader('content-type', 'text/csv; charset=utf-8');
        res.setHeader('content-disposition', `attachment; filename="${name}-${spec.asOf}.csv"`);
        res.setHeader('cache-control', 'no-store');
        const rows = await streamCsv(deps.dataSource, res, spec);
        deps.logger.info({ shopId: shop.id, export: name, rows, ms: Math.round(performance.now() - started) }, 'csv export');
      } catch (error) {
        if (res.headersSent) {
          deps.logger.warn({ export: name, err: loggableError(error) }, 'csv export stopped');
          res.destroy();
          return;
        }
        const known = error instanceof ExportError ? error : null;
        if (!known) deps.logger.error({ export: name, err: loggableError(error) }, 'csv export failed');
        res
          .status(known?.status ?? 500)
          .json({ errors: [{ message: known?.message ?? 'Internal server error.', extensions: { code: known?.code ?? 'INTERNAL_SERVER_ERROR' } }] });
      }
    };

  router.get(
    '/tiktok-customers.csv',
    handle('tiktok-customers', async (req, shop) => {
      const asOf = asOfParam(req, shop.timezone);
      const { current } = await marketingListState(deps.dataSource, shop.id, asOf);
      return marketingListExport({
        shopId: shop.id,
        asOf,
        current,
        context: { currency: shop.currency, timeZone: shop.timezone },
        field: enumParam(req, 'orderBy', CustomerOrderField, 'NET_RECEIPTS'),
        direction: enumParam(req, 'direction', OrderDirection, 'DESC'),
      });
    }),
  );

  router.get(
    '/crossover-customers.csv',
    handle('crossover-customers', async (req, shop) =>
      crossoverCustomersExport({ shopId: shop.id, asOf: asOfParam(req, shop.timezone), context: { currency: shop.currency, timeZone: shop.timezone } }),
    ),
  );

  return router;
}
