import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The day of each address key's last counted store order, so that a read as of a past day knows
 * from the kept state alone which keys had store orders after it (the only keys whose store
 * orders up to that day differ from the kept ones). Filled here for the data already there.
 */
export class AddressLastStoreDay1764250000000 implements MigrationInterface {
  name = 'AddressLastStoreDay1764250000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE address_store_summary ADD COLUMN last_store_day date`);
    await db.query(`
      UPDATE address_store_summary a SET last_store_day = x.last_day
        FROM (SELECT c.shop_id, c.address_key, max(o.local_day) AS last_day
                FROM customer c
                JOIN sales_order o ON o.shop_id = c.shop_id AND o.customer_id = c.customer_id AND o.counted
               WHERE c.space = 'STORE'
               GROUP BY c.shop_id, c.address_key) x
       WHERE a.shop_id = x.shop_id AND a.address_key = x.address_key`);
    await db.query(`ALTER TABLE address_store_summary ALTER COLUMN last_store_day SET NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE address_store_summary DROP COLUMN last_store_day`);
  }
}
