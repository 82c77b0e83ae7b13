import { Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { csvRecord, csvStart, type CsvContext, type CsvTableDefinition } from '@tiktok-insights/shared';
import type pg from 'pg';
import QueryStream from 'pg-query-stream';

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
 * Writes a query's rows as the table's CSV (the same bytes the dashboard writes for the rows it
 * shows: see @tiktok-insights/shared's csv) to `target` through a server-side cursor: rows are
 * read in batches as the target takes them, never held all at once. Returns the number of rows.
 */
export async function writeCsv<DbRow, CsvRow>(
  client: pg.ClientBase,
  target: Writable,
  spec: CsvExport<DbRow, CsvRow>,
  signal: AbortSignal,
): Promise<number> {
  let rows = 0;
  try {
    // A cursor lives in a transaction; REPEATABLE READ gives the whole file one snapshot.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const source: Readable = client.query(new QueryStream(spec.sql, spec.parameters, { batchSize: 1000, highWaterMark: 1000 }));
    let started = false;
    // The header goes out with the first record (or alone for an empty list).
    const toRecords = new Transform({
      writableObjectMode: true,
      transform(row: DbRow, _encoding, done) {
        rows += 1;
        try {
          const record = csvRecord(spec.table, spec.toRow(row), spec.context);
          done(null, started ? record : ((started = true), csvStart(spec.table) + record));
        } catch (error) {
          done(error as Error);
        }
      },
      flush(done) {
        done(null, started ? undefined : csvStart(spec.table));
      },
    });
    await pipeline(source, toRecords, target, { signal });
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
  return rows;
}
