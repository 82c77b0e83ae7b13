import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type pg from 'pg';
import QueryStream from 'pg-query-stream';
import type { DataSource } from 'typeorm';

export interface CsvExport<Row> {
  header: string[];
  sql: string;
  parameters: unknown[];
  toCells(row: Row): Array<string | number>;
}

/**
 * Streams a query's rows as RFC 4180 CSV (UTF-8 with a byte-order mark, CRLF line ends) through a
 * server-side cursor: rows are read in batches as the client takes them, never held all at once.
 */
export async function streamCsv<Row>(dataSource: DataSource, target: Writable, spec: CsvExport<Row>): Promise<number> {
  const runner = dataSource.createQueryRunner('slave');
  const client = (await runner.connect()) as pg.PoolClient;
  let rows = 0;
  try {
    // A cursor lives in a transaction; REPEATABLE READ gives the whole file one snapshot.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const source: Readable = client.query(new QueryStream(spec.sql, spec.parameters, { batchSize: 1000, highWaterMark: 1000 }));
    const toCells = new Transform({
      objectMode: true,
      transform(row: Row, _encoding, done) {
        rows += 1;
        done(null, spec.toCells(row));
      },
    });
    target.write('\uFEFF');
    await pipeline(source, toCells, stringify({ header: true, columns: spec.header, record_delimiter: '\r\n' }), target);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await runner.release();
  }
  return rows;
}
