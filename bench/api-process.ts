import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort, spawnBuiltApi } from '@tiktok-insights/api/testing';

/** Resident and peak resident memory of a process, from /proc (bytes). */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

export interface ApiProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * The API as users run it (`pnpm start`: `node dist/main.js`), in its own process so that its memory
 * is measured apart from the benchmark's.
 */
export async function startApiProcess(databaseUrl: string): Promise<ApiProcess> {
  // BENCH_API_NODE_OPTIONS: Node options for the measured API alone (heap limits, say), not for the benchmark.
  const port = await freePort();
  const child: ChildProcess = spawnBuiltApi({ DATABASE_URL: databaseUrl, PORT: String(port), SEED_DEMO: 'false', LOG_LEVEL: 'warn', NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`the API exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Samples a process's RSS while `work` runs; returns the work's result and the largest RSS seen. */
export async function sampleRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; before: number; max: number }> {
  const before = memoryOf(pid).rss;
  let max = before;
  const timer = setInterval(() => {
    max = Math.max(max, memoryOf(pid).rss);
  }, 20);
  try {
    const result = await work();
    max = Math.max(max, memoryOf(pid).rss);
    return { result, before, max };
  } finally {
    clearInterval(timer);
  }
}
