import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who uploaded each file: the API token it came with (accounts come later). The job keeps its row
 * when the token goes (SET NULL of that one column; the shop stays), and the shop's uploads list
 * newest first from an index.
 */
export class ImportJobUploader1764220000000 implements MigrationInterface {
  name = 'ImportJobUploader1764220000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE import_job ADD COLUMN uploaded_by_token_id uuid`);
    // The column list of SET NULL (PostgreSQL 15+) leaves shop_id, which is part of the key, alone.
    await db.query(`
      ALTER TABLE import_job ADD CONSTRAINT import_job_uploaded_by_fkey
        FOREIGN KEY (shop_id, uploaded_by_token_id) REFERENCES api_token (shop_id, token_id)
        ON DELETE SET NULL (uploaded_by_token_id)`);
    await db.query(`CREATE INDEX import_job_history ON import_job (shop_id, created_at DESC, import_job_id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX import_job_history`);
    await db.query(`ALTER TABLE import_job DROP CONSTRAINT import_job_uploaded_by_fkey`);
    await db.query(`ALTER TABLE import_job DROP COLUMN uploaded_by_token_id`);
  }
}
