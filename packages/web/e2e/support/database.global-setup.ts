import { createRequire } from 'node:module';
import type { TestProject } from 'vitest/node';

const apiRequire = createRequire(new URL('../../../api/package.json', import.meta.url));

interface AsyncExitHook {
  hookEvent(event: string): void;
  hookedEvents(): string[];
}

/** The events that the API's `database/embedded-postgres.ts` unhooks from async-exit-hook when it is evaluated. */
const UNHOOKED_BY_THE_API = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'];

/**
 * The API's module unhooks those events when it is evaluated, and async-exit-hook throws when an
 * event is unhooked twice. With `pnpm test` it is evaluated twice in one process: once for the
 * `api` project's global setup, once for this project's (each project has its own module
 * runner), in either order. This registers every event it would unhook but finds missing, without
 * attaching any listener to the process, so that the next unhook has something to remove and
 * nothing changes how the process exits.
 */
function letTheApiUnhookAgain(exitHook: AsyncExitHook): void {
  const emitter: NodeJS.EventEmitter = process;
  for (const event of UNHOOKED_BY_THE_API) {
    if (exitHook.hookedEvents().includes(event)) continue;
    const attached = new Set(emitter.listeners(event));
    exitHook.hookEvent(event);
    for (const listener of emitter.listeners(event)) {
      if (!attached.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
}

/**
 * A real PostgreSQL for the end-to-end tests: the API project's global setup (DATABASE_URL, or an
 * embedded server in a temporary folder), which provides `databaseUrl` to `createTestDatabase()`.
 */
export default async function setup(project: TestProject) {
  const exitHook = apiRequire('async-exit-hook') as AsyncExitHook;
  letTheApiUnhookAgain(exitHook);
  const { default: apiGlobalSetup } = await import('../../../api/src/test-support/global-setup.js');
  letTheApiUnhookAgain(exitHook);
  return apiGlobalSetup(project);
}
