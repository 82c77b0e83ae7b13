import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logging/logger.js';
import { FINISHED, stopOnSignals, type ShutdownStep } from './shutdown.js';

/** Runs stopOnSignals on an emitter of its own; resolves with the exit code and when it came. */
function harness(steps: ShutdownStep[], timeoutMs: number) {
  const signals = new EventEmitter();
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  let started = 0;
  const exited = new Promise<{ code: number; ms: number }>((resolve) => {
    stopOnSignals({ timeoutMs, logger, steps, signals, exit: (code) => resolve({ code, ms: performance.now() - started }) });
  });
  return {
    signal(name: 'SIGINT' | 'SIGTERM') {
      started ||= performance.now();
      signals.emit(name, name);
    },
    exited,
    lines,
  };
}

const never = (): Promise<never> => new Promise(() => {});

describe('stopOnSignals', () => {
  it('exits 0 when every step finished', async () => {
    const ran: string[] = [];
    const step = (name: string): ShutdownStep => ({ name, endsAt: 0.5, run: async () => (ran.push(name), FINISHED) });
    const run = harness([step('http'), step('database')], 1_000);
    run.signal('SIGTERM');
    expect((await run.exited).code).toBe(0);
    expect(ran).toEqual(['http', 'database']);
    expect(run.lines.map((line) => [line.msg, line.step])).toEqual([
      ['shutting down: finishing requests in flight', undefined],
      ['shutdown step finished', 'http'],
      ['shutdown step finished', 'database'],
      ['stopped', undefined],
    ]);
  });

  it('exits 1 when a step gave up, after running the others', async () => {
    const run = harness(
      [
        { name: 'http', endsAt: 0.5, run: async () => ({ finished: false, details: { requestsCutShort: 2 } }) },
        { name: 'database', endsAt: 0.9, run: async () => FINISHED },
      ],
      1_000,
    );
    run.signal('SIGINT');
    expect((await run.exited).code).toBe(1);
    expect(run.lines.find((line) => line.step === 'http')).toMatchObject({ msg: 'shutdown step gave up', requestsCutShort: 2 });
    expect(run.lines.find((line) => line.step === 'database')).toMatchObject({ msg: 'shutdown step finished' });
  });

  it('exits 1 at the deadline, whatever a step waits on', async () => {
    const run = harness([{ name: 'database', endsAt: 0.9, run: never }], 300);
    run.signal('SIGTERM');
    const { code, ms } = await run.exited;
    expect(code).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(295);
    expect(ms).toBeLessThan(600);
    expect(run.lines.at(-1)).toMatchObject({ msg: 'shutdown deadline passed: exiting without finishing', step: 'database', timeoutMs: 300 });
  });

  it('exits at once on a second signal, with 128 + its number', async () => {
    const run = harness([{ name: 'http', endsAt: 0.9, run: never }], 60_000);
    run.signal('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 50));
    run.signal('SIGTERM');
    const { code, ms } = await run.exited;
    expect(code).toBe(143);
    expect(ms).toBeLessThan(500);
    expect(run.lines.at(-1)).toMatchObject({ msg: 'second signal during shutdown: exiting at once', signal: 'SIGTERM' });
  });
});
