import PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import { loggableError, type Logger } from '../logging/logger.js';
import { primaryPool } from '../database/replication.js';

/** A job's work: its data, and a signal that asks it to stop (the process is stopping) and leave the job to a later run. */
export type JobHandler<T> = (data: T, signal: AbortSignal) => Promise<void>;

export interface JobQueueOptions {
  /** Jobs of each queue this process runs at once (default 2). */
  concurrency?: number;
  /** How often an idle worker looks for jobs another process queued (default 2 s); this process's own jobs wake it at once. */
  pollingIntervalSeconds?: number;
}

/** How a stop ended: every running job finished, or some were stopped and are left to be retried. */
export interface JobQueueStop {
  finished: boolean;
  /** Jobs still running at the deadline, asked to stop. */
  stopped: number;
}


/**
 * Background jobs kept in the application's own PostgreSQL (pg-boss, in its schema `pgboss`), so
 * a job queued by one API process may run in any other and survives a restart. A job that throws
 * is retried (3 times, backing off from 10 s); one still running when the process stops is asked to
 * stop, and pg-boss hands it to a later run.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private readonly handlers = new Map<string, JobHandler<any>>();
  private readonly workers = new Map<string, string[]>();
  private readonly running = new Map<Promise<void>, AbortController>();
  private started = false;
  private stopping = false;

  constructor(
    dataSource: DataSource,
    private readonly logger: Logger,
    private readonly options: JobQueueOptions = {},
  ) {
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => primaryPool(dataSource).query(text, values) },
      schedule: false,
      retryLimit: 3,
      retryDelay: 10,
      retryBackoff: true,
      // A file of a gigabyte takes a while; a job that runs longer is failed and retried.
      expireInHours: 4,
    });
    this.boss.on('error', (error) => this.logger.warn({ err: loggableError(error) }, 'job queue error'));
  }

  /** Registers the work of a queue; before start(). */
  handle<T extends object>(queue: string, handler: JobHandler<T>): void {
    this.handlers.set(queue, handler);
  }

  async start(): Promise<void> {
    await this.boss.start();
    const concurrency = this.options.concurrency ?? 2;
    for (const [queue, handler] of this.handlers) {
      await this.boss.createQueue(queue);
      const ids: string[] = [];
      for (let i = 0; i < concurrency; i += 1) {
        ids.push(
          await this.boss.work<object>(
            queue,
            { batchSize: 1, pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2 },
            ([job]) => this.run(queue, handler, job!),
          ),
        );
      }
      this.workers.set(queue, ids);
    }
    this.started = true;
  }

  private async run(queue: string, handler: JobHandler<object>, job: PgBoss.Job<object>): Promise<void> {
    const controller = new AbortController();
    const work = handler(job.data, controller.signal);
    this.running.set(work, controller);
    try {
      await work;
    } catch (error) {
      this.logger.warn({ queue, jobId: job.id, err: loggableError(error) }, 'job failed: it will be retried');
      throw error;
    } finally {
      this.running.delete(work);
    }
  }

  /** Queues a job; a worker of this process takes it at once when one is free. */
  async send(queue: string, data: object): Promise<void> {
    if (!this.started || this.stopping) throw new Error('the job queue is not running');
    await this.boss.send(queue, data);
    for (const id of this.workers.get(queue) ?? []) this.boss.notifyWorker(id);
  }

  /**
   * Stops taking jobs, lets the running ones finish until `deadline` (a `performance.now()` time),
   * then asks those left to stop; they are retried by a later run.
   */
  async stop(deadline: number): Promise<JobQueueStop> {
    if (!this.started || this.stopping) return { finished: true, stopped: 0 };
    this.stopping = true;
    for (const queue of this.workers.keys()) await this.boss.offWork(queue);
    const allSettled = () => Promise.allSettled([...this.running.keys()]);
    const finished = await settlesBefore(allSettled(), deadline);
    const stopped = finished ? 0 : this.running.size;
    if (!finished) {
      for (const controller of this.running.values()) controller.abort(new Error('the process is stopping'));
      // A stopped job rolls its transaction back: a moment, not the whole wait.
      await settlesBefore(allSettled(), Math.max(deadline, performance.now() + 1_000));
    }
    await this.boss.stop({ graceful: false, close: false });
    return { finished, stopped };
  }
}

async function settlesBefore(promise: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - performance.now()));
  });
  try {
    return await Promise.race([promise.then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
