import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['customer', 'sales_order', 'order_line', 'product'] as const;

/**
 * No planner statistics for shop_id on the order tables. With them, a shop that is new since the
 * last ANALYZE is estimated at one row, every index that begins with shop_id looks as cheap as
 * the unique key, and the import's keyed lookups can walk the shop's whole index once per key
 * (seconds per batch). Without them, `shop_id = $1` is estimated at PostgreSQL's default 0.5% of
 * the table, so a lookup by the full key always wins, whatever shops came since the last ANALYZE.
 */
export class ShopIdStatistics1764190000000 implements MigrationInterface {
  name = 'ShopIdStatistics1764190000000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of TABLES) await db.query(`ALTER TABLE ${table} ALTER COLUMN shop_id SET STATISTICS 0`);
    await clearShopIdStatistics(db);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of TABLES) await db.query(`ALTER TABLE ${table} ALTER COLUMN shop_id SET STATISTICS -1`);
  }
}

/**
 * ANALYZE skips a column without a statistics target but keeps what it gathered before. A
 * superuser (as with the embedded server) removes those rows here; under a role that may not, they
 * stay until an operator clears them (`pg_clear_attribute_stats` on PostgreSQL 18).
 */
async function clearShopIdStatistics(db: QueryRunner): Promise<void> {
  const [role]: Array<{ superuser: boolean }> = await db.query(
    `SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
  );
  if (!role?.superuser) return;
  for (const table of TABLES) {
    await db.query(
      `DELETE FROM pg_statistic s USING pg_attribute a
        WHERE s.starelid = $1::regclass AND a.attrelid = s.starelid AND a.attnum = s.staattnum AND a.attname = 'shop_id'`,
      [table],
    );
  }
}
