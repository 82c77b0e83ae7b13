import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files of orders uploaded to `POST /api/imports` (modules/imports): one row per file, from its
 * upload to its end. `stored_file` is where the upload waits on disk until the job has read it
 * (null once it is deleted); `errors` holds at most 100 `{row, column, message}` in row order.
 * `attempts` counts the runs started, so that a file that keeps stopping the process is failed.
 */
export class ImportJobs1764210000000 implements MigrationInterface {
  name = 'ImportJobs1764210000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE import_job (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        import_job_id uuid NOT NULL DEFAULT gen_random_uuid(),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        format text NOT NULL CHECK (format IN ('tiktok', 'shopify', 'template')),
        file_name text NOT NULL,
        bytes bigint NOT NULL CHECK (bytes >= 0),
        stored_file text,
        rows_read integer NOT NULL DEFAULT 0,
        orders_created integer NOT NULL DEFAULT 0,
        orders_updated integer NOT NULL DEFAULT 0,
        orders_unchanged integer NOT NULL DEFAULT 0,
        orders_skipped integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(errors) = 'array' AND jsonb_array_length(errors) <= 100),
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        started_at timestamptz,
        finished_at timestamptz,
        PRIMARY KEY (shop_id, import_job_id),
        UNIQUE (import_job_id)
      )`);
    // A shop's waiting and running jobs, in upload order: the next one to run.
    await db.query(`
      CREATE INDEX import_job_pending ON import_job (shop_id, created_at, import_job_id)
       WHERE status IN ('queued', 'running')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE import_job`);
  }
}
