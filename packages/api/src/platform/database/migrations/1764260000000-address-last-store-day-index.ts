import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The address keys with crossover customers by the day of their last store order: crossover as of
 * a past day corrects the kept totals at the keys with a store order after that day, found here
 * without reading the shop's other keys.
 */
export class AddressLastStoreDayIndex1764260000000 implements MigrationInterface {
  name = 'AddressLastStoreDayIndex1764260000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX address_store_summary_last_store_day_idx ON address_store_summary (shop_id, last_store_day)
       WHERE crossover_customers > 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX address_store_summary_last_store_day_idx`);
  }
}
