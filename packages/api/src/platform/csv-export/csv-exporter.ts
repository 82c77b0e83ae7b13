import type { ServerResponse } from 'node:http';
import type { DataSource } from 'typeorm';
import { sidePool } from '../database/side-pool.js';
import { loggableError, type Logger } from '../logging/logger.js';
import { writeCsv, type CsvExport } from './csv-export.service.js';
import { exportRefused, noRoomForExport } from './export-errors.js';
import { ExportFiles, TempSpaceExhaustedError, type ExportFile } from './export-files.js';
import { DEFAULT_EXPORT_SETTINGS, ExportPlaces, Turns, type ExportSettings } from './export-limits.js';
import { sendFile } from './send-file.js';

/** One download: whose it is, what it is called, and when its request began (for the log). */
export interface ExportRequest {
  shopId: string;
  name: string;
  started: number;
}

/**
 * Runs CSV exports: the query's rows are written to a temporary file at the database's pace, on
 * a small pool of the exports' own, and the connection goes back as soon as the query is done;
 * the file is then sent at the client's pace, with its length, so that a slow client gets the
 * whole file (the statement timeout never sees it) and a client that stops reading holds no
 * database connection. Places are limited per shop and in all (TOO_MANY_REQUESTS with Retry-After
 * beyond), and a download that takes nothing for EXPORT_STALL_TIMEOUT_MS is cut off (short of its
 * Content-Length, never a complete-looking file).
 */
export class CsvExporter {
  private readonly settings: ExportSettings;
  private readonly places: ExportPlaces;
  private readonly files: ExportFiles;
  private readonly queryTurns: Turns;
  private readonly pool: ReturnType<typeof sidePool>;

  constructor(
    dataSource: DataSource,
    private readonly logger: Logger,
    settings: Partial<ExportSettings> = {},
  ) {
    this.settings = { ...DEFAULT_EXPORT_SETTINGS, ...settings };
    this.places = new ExportPlaces(this.settings);
    this.files = new ExportFiles(this.settings.tempDir, this.settings.tempMaxBytes);
    this.queryTurns = new Turns(this.settings.databaseConnections);
    this.pool = sidePool(
      dataSource,
      'replica',
      { max: this.settings.databaseConnections, idleTimeoutMillis: 30_000, application_name: 'tiktok-insights-exports' },
      (error) => logger.warn({ err: loggableError(error) }, 'an idle export connection failed'),
    );
  }

  /**
   * Admits the export, writes its file and sends it as `res`'s 200 answer. A refusal (no place, no
   * room for the file) is thrown as an AppError before the answer begins; anything else as it is.
   */
  async send(request: ExportRequest, spec: CsvExport<any, any>, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const { shopId, name, started } = request;
    let file: ExportFile | null = null;
    const admission = this.places.admit(shopId);
    if (!admission.admitted) {
      this.logger.info({ shopId, export: name, limit: admission.reason }, 'csv export refused: too many at once');
      throw exportRefused(admission.reason, this.settings.perShop);
    }
    try {
      file = await this.files.create();
      const rows = await this.prepare(spec, file, signal);
      const preparedMs = Math.round(performance.now() - started);
      res.statusCode = 200;
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="${name}-${spec.asOf}.csv"`);
      res.setHeader('content-length', String(file.size));
      res.setHeader('cache-control', 'no-store');
      await sendFile(file, res, this.settings.stallTimeoutMs);
      this.logger.info({ shopId, export: name, rows, bytes: file.size, preparedMs, ms: Math.round(performance.now() - started) }, 'csv export');
    } catch (error) {
      if (error instanceof TempSpaceExhaustedError && !res.headersSent && !signal.aborted) {
        throw noRoomForExport(this.files.bytesInUse - (file?.size ?? 0) > 0);
      }
      throw error;
    } finally {
      await file?.close();
      admission.release();
    }
  }

  /** Closes the exports' database connections (in the background: a vanished server may never answer). */
  close(): void {
    this.pool.end().catch(() => {});
  }

  /** Writes the export's file; the database connection is held only while the query runs. */
  private async prepare(spec: CsvExport<any, any>, file: ExportFile, signal: AbortSignal): Promise<number> {
    const giveBack = await this.queryTurns.take(signal);
    try {
      const client = await this.pool.connect();
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
}
