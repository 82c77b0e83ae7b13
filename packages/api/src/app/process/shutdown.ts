import type { Logger } from '../../platform/logging/logger.js';

/** What a step reports: it finished its work, or it stopped waiting for something that did not end. */
export type StepOutcome = { finished: true } | { finished: false; details?: Record<string, unknown> };

export interface ShutdownStep {
  /** For the logs, e.g. "http". */
  name: string;
  /** The step's share of the shutdown timeout: it must be over by `start + endsAt × timeout`. */
  endsAt: number;
  /** Runs the step; `deadline` is a `performance.now()` time it must not wait past. */
  run(deadline: number): Promise<StepOutcome>;
}

export const FINISHED: StepOutcome = { finished: true };

/** Whether the promise settles by `deadline` (a `performance.now()` time); never waits past it. */
export async function settlesBy(promise: Promise<unknown>, deadline: number): Promise<boolean> {
  const ms = Math.max(0, deadline - performance.now());
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true, () => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

const SIGNAL_EXIT_CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * SIGINT/SIGTERM stop the process in steps (HTTP, background work, database, …), each bounded by
 * its share of `timeoutMs`; the process exits 0 when every step finished its work and 1 when one
 * gave up or the timeout passed (the deadline holds whatever a step waits on). A second signal
 * during shutdown exits at once with 128 + the signal's number. Every step is logged.
 */
export function stopOnSignals(options: {
  timeoutMs: number;
  logger: Logger;
  steps: ShutdownStep[];
  /** Before the first step, e.g. to tell the person at the terminal. */
  onStart?: () => void;
  /** After the last step, with the exit code. */
  onFinish?: (exitCode: number) => void;
  exit?: (code: number) => void;
  /** Where SIGINT/SIGTERM come from (tests emit them on an emitter of their own). */
  signals?: Pick<NodeJS.EventEmitter, 'on'>;
}): void {
  const { timeoutMs, logger, steps } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? process;
  let stopping = false;

  const shutdown = async (signal: NodeJS.Signals) => {
    const started = performance.now();
    let current = 'start';
    const deadline = setTimeout(() => {
      logger.error({ signal, step: current, timeoutMs }, 'shutdown deadline passed: exiting without finishing');
      options.onFinish?.(1);
      exit(1);
    }, timeoutMs);
    logger.info({ signal, timeoutMs }, 'shutting down: finishing requests in flight');
    options.onStart?.();
    let exitCode = 0;
    for (const step of steps) {
      current = step.name;
      const stepStarted = performance.now();
      let outcome: StepOutcome;
      try {
        outcome = await step.run(started + step.endsAt * timeoutMs);
      } catch (error) {
        outcome = { finished: false, details: { err: error instanceof Error ? error.message : String(error) } };
      }
      const ms = Math.round(performance.now() - stepStarted);
      if (outcome.finished) {
        logger.info({ step: step.name, ms }, 'shutdown step finished');
      } else {
        exitCode = 1;
        logger.warn({ step: step.name, ms, ...outcome.details }, 'shutdown step gave up');
      }
    }
    clearTimeout(deadline);
    logger.info({ exitCode, ms: Math.round(performance.now() - started) }, 'stopped');
    options.onFinish?.(exitCode);
    exit(exitCode);
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal during shutdown: exiting at once');
      options.onFinish?.(SIGNAL_EXIT_CODES[signal] ?? 1);
      exit(SIGNAL_EXIT_CODES[signal] ?? 1);
      return;
    }
    stopping = true;
    void shutdown(signal);
  };
  signals.on('SIGINT', onSignal);
  signals.on('SIGTERM', onSignal);
}
