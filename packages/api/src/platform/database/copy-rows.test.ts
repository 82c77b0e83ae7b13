import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { copyRows, type CopyCell } from './copy-rows.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

/** Rows through COPY into a temporary table and back, in one transaction. */
async function roundTrip(rows: CopyCell[][]): Promise<Array<{ n: number; t: string | null; i: number | null }>> {
  return db.dataSource.transaction(async (manager) => {
    await manager.query('CREATE TEMP TABLE copied (n int, t text, i bigint) ON COMMIT DROP');
    await copyRows(manager, 'copied', ['n', 't', 'i'], rows);
    return manager.query('SELECT n, t, i::float8 AS i FROM copied ORDER BY n');
  });
}

describe('copyRows', () => {
  it('keeps NULL apart from an empty string and every character COPY gives meaning as itself', async () => {
    const texts = [null, '', '\\N', 'a\tb', 'line 1\nline 2', 'cr\r\nlf', 'back\\slash', '\\.', 'Zoë 🛍️ "quoted", comma', ' '];
    const rows = texts.map((t, n) => [n, t, n % 2 ? null : -9_007_199_254_740_991 + n]);
    const back = await roundTrip(rows);
    expect(back.map((r) => r.t)).toEqual(texts);
    expect(back.map((r) => r.i)).toEqual(rows.map((r) => r[2]));
  });

  it('writes nothing for no rows and any number of rows across its chunks', async () => {
    expect(await roundTrip([])).toEqual([]);
    const many = Array.from({ length: 1_234 }, (_, n) => [n, `row ${n}`, n]);
    const back = await roundTrip(many);
    expect(back).toHaveLength(1_234);
    expect(back[1_233]).toEqual({ n: 1_233, t: 'row 1233', i: 1_233 });
  });

  it('round-trips any text PostgreSQL can hold', async () => {
    // PostgreSQL text holds no NUL character.
    const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(text), { maxLength: 20 }), async (texts) => {
        const back = await roundTrip(texts.map((t, n) => [n, t, null]));
        expect(back.map((r) => r.t)).toEqual(texts);
      }),
      { numRuns: 40 },
    );
  });
});
