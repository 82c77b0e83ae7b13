import pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test-support/api-client.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';

let db: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.dataSource);
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

it('answers /readyz at once while every connection of the request pool is taken, on one connection of its own', async () => {
  const poolSize = (db.dataSource.options.extra as { max: number }).max;
  const held: QueryRunner[] = [];
  try {
    for (let i = 0; i < poolSize; i++) {
      const runner = db.dataSource.createQueryRunner('master');
      await runner.connect();
      held.push(runner);
    }
    // The request pool has no free slot: a request that needs one waits for it.
    const blocked = db.dataSource.query('SELECT 1');
    const outcome = await Promise.race([blocked.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 300))]);
    expect(outcome).toBe('waiting');

    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${api.server.url}/readyz`)));
    const ms = performance.now() - started;
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 200));
    expect(await answers[0]!.json()).toEqual({ status: 'ready' });
    expect(ms).toBeLessThan(1_000);

    const observer = new pg.Client({ connectionString: db.url });
    await observer.connect();
    try {
      const { rows } = await observer.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'tiktok-insights-readiness'`,
      );
      expect(rows[0].n).toBe(1);
    } finally {
      await observer.end();
    }
    for (const runner of held.splice(0)) await runner.release();
    await blocked;
  } finally {
    for (const runner of held) await runner.release();
  }
});
