import { afterAll, beforeAll } from 'vitest';
import { startTestApi, type TestApi } from './api-client.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * A test file's own database and in-process API: created before its tests, closed and dropped
 * after them. `onStarted` hands both to the file's variables.
 */
export function useTestApiPerFile(onStarted: (started: { db: TestDatabase; api: TestApi }) => void): void {
  let db: TestDatabase | undefined;
  let api: TestApi | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi(db.dataSource);
    onStarted({ db, api });
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });
}
