import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/** A cell COPY takes: null is SQL NULL; an empty string stays an empty string. */
export type CopyCell = string | number | null;

/** Rows per chunk written to the COPY stream: the text of one chunk is held at a time. */
const ROWS_PER_CHUNK = 500;

const SPECIAL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A cell in COPY's text format: `\N` for NULL, and the four characters it gives meaning escaped. */
function copyText(cell: CopyCell): string {
  if (cell === null) return '\\N';
  if (typeof cell === 'number') return String(cell);
  return cell.replace(SPECIAL, (char) => ESCAPES[char]!);
}

function* copyChunks(rows: readonly CopyCell[][]): Generator<string> {
  for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) {
    let text = '';
    for (const row of rows.slice(start, start + ROWS_PER_CHUNK)) text += row.map(copyText).join('\t') + '\n';
    yield text;
  }
}

/**
 * Loads rows into a table with `COPY … FROM STDIN` on the connection of the manager's
 * transaction: one round trip for any number of rows, read by PostgreSQL's COPY rather than
 * bound as statement parameters. The table and columns are the caller's constants, never input.
 */
export async function copyRows(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly CopyCell[][],
): Promise<void> {
  if (rows.length === 0) return;
  const queryRunner = manager.queryRunner;
  if (!queryRunner) throw new Error('copyRows runs inside a transaction');
  const client = (await queryRunner.connect()) as PoolClient;
  await pipeline(Readable.from(copyChunks(rows)), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}
