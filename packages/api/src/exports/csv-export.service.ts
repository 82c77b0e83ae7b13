import { Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { csvRecord, csvStart, type CsvContext, type CsvTableDefinition } from '@tiktok-insights/shared';
import type pg from 'pg';
import QueryStream from 'pg-query-stream';
import type { DataSource } from 'typeorm';

/** A CSV download: a query's rows, each turned into a row of a table the dashboard defines. */
export interface CsvExport<DbRow, CsvRow> {
  table: CsvTableDefinition<CsvRow>;
  context: CsvContext;
  /** The day the figures stand as of (part of the file name). */
  asOf: string;
  sql: string;
  parameters: unknown[];
  toRow(row: DbRow): CsvRow;
}

/**
 * Streams a query's rows as the table's CSV (the same bytes the dashboard writes for the rows it
 * shows: see @tiktok-insights/shared's csv) through a server-side cursor: rows are read in batches
 * as the client takes them, never held all at once.
 */
export async function streamCsv<DbRow, CsvRow>(dataSource: DataSource, target: Writable, spec: CsvExport<DbRow, CsvRow>): Promise<number> {
  const runner = dataSource.createQueryRunner('slave');
  const client = (await runner.connect()) as pg.PoolClient;
  let rows = 0;
  try {
    // A cursor lives in a transaction; REPEATABLE READ gives the whole file one snapshot.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const source: Readable = client.query(new QueryStream(spec.sql, spec.parameters, { batchSize: 1000, highWaterMark: 1000 }));
    const toRecords = new Transform({
      writableObjectMode: true,
      transform(row: DbRow, _encoding, done) {
        rows += 1;
        try {
          done(null, csvRecord(spec.table, spec.toRow(row), spec.context));
        } catch (error) {
          done(error as Error);
        }
      },
    });
    target.write(csvStart(spec.table));
    await pipeline(source, toRecords, target);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await runner.release();
  }
  return rows;
}
