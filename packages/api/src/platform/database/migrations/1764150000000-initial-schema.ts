import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shops, tokens, the TikTok integration, customers, products, orders, lines and the summary
 * tables the dashboard reads. Every table carries shop_id and leads its keys with it, so a
 * shop's rows sit together and the schema can be distributed by shop_id (docs/scaling.md).
 */
export class InitialSchema1764150000000 implements MigrationInterface {
  name = 'InitialSchema1764150000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE shop (
        shop_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        timezone text NOT NULL,
        currency char(3) NOT NULL DEFAULT 'USD',
        week_starts_on text NOT NULL DEFAULT 'MONDAY' CHECK (week_starts_on IN ('MONDAY', 'SUNDAY')),
        aov_target_cents integer NOT NULL DEFAULT 4000 CHECK (aov_target_cents >= 0),
        is_demo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_import_at timestamptz
      )`);

    await db.query(`
      CREATE TABLE api_token (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        token_id uuid NOT NULL DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL,
        label text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        PRIMARY KEY (shop_id, token_id)
      )`);
    // Sign-in finds the shop from the token, the one lookup that cannot start from shop_id.
    await db.query(`CREATE UNIQUE INDEX api_token_hash_key ON api_token (token_hash)`);

    await db.query(`
      CREATE TABLE tiktok_integration (
        shop_id uuid PRIMARY KEY REFERENCES shop (shop_id) ON DELETE CASCADE,
        connected boolean NOT NULL,
        connected_at timestamptz,
        disconnected_at timestamptz
      )`);

    await db.query(`
      CREATE TABLE customer (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        customer_id bigint GENERATED ALWAYS AS IDENTITY,
        space text NOT NULL CHECK (space IN ('TIKTOK', 'STORE')),
        external_id text NOT NULL,
        name text NOT NULL,
        email text,
        line1 text NOT NULL,
        line2 text,
        city text NOT NULL,
        region text NOT NULL,
        postal_code text NOT NULL,
        country text NOT NULL,
        address_key text NOT NULL,
        counted_orders integer NOT NULL DEFAULT 0,
        counted_net_receipts_cents bigint NOT NULL DEFAULT 0,
        first_counted_order_at timestamptz,
        first_counted_day date,
        last_counted_order_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (shop_id, customer_id),
        UNIQUE (shop_id, space, external_id)
      )`);
    await db.query(`CREATE INDEX customer_address_key_idx ON customer (shop_id, address_key, space)`);
    await db.query(`
      CREATE INDEX customer_first_counted_idx ON customer (shop_id, space, first_counted_day)
      WHERE first_counted_day IS NOT NULL`);

    await db.query(`
      CREATE TABLE product (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        product_id bigint GENERATED ALWAYS AS IDENTITY,
        external_id text NOT NULL,
        name text NOT NULL,
        sku text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (shop_id, product_id),
        UNIQUE (shop_id, external_id)
      )`);

    await db.query(`
      CREATE TABLE sales_order (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        order_id bigint GENERATED ALWAYS AS IDENTITY,
        channel text NOT NULL CHECK (channel IN ('TIKTOK', 'APP', 'WEBSITE', 'FACEBOOK', 'INSTAGRAM', 'OTHER')),
        external_id text NOT NULL,
        placed_at timestamptz NOT NULL,
        local_day date NOT NULL,
        status text NOT NULL CHECK (status IN ('UNPAID', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED')),
        counted boolean GENERATED ALWAYS AS (status IN ('PAID', 'SHIPPED', 'DELIVERED')) STORED,
        customer_id bigint NOT NULL,
        subtotal_cents bigint NOT NULL CHECK (subtotal_cents >= 0),
        tax_cents integer NOT NULL CHECK (tax_cents >= 0),
        shipping_cents integer NOT NULL CHECK (shipping_cents >= 0),
        discount_cents integer NOT NULL CHECK (discount_cents >= 0),
        credit_cents integer NOT NULL CHECK (credit_cents >= 0),
        net_receipts_cents bigint NOT NULL,
        content_hash bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (shop_id, order_id),
        UNIQUE (shop_id, channel, external_id),
        FOREIGN KEY (shop_id, customer_id) REFERENCES customer (shop_id, customer_id),
        CHECK (net_receipts_cents = subtotal_cents + tax_cents + shipping_cents - discount_cents - credit_cents)
      )`);
    await db.query(`
      CREATE INDEX sales_order_counted_day_idx ON sales_order (shop_id, channel, local_day)
      INCLUDE (customer_id, net_receipts_cents) WHERE counted`);
    await db.query(`
      CREATE INDEX sales_order_customer_idx ON sales_order (shop_id, customer_id, placed_at)
      INCLUDE (net_receipts_cents, local_day, channel) WHERE counted`);

    await db.query(`
      CREATE TABLE order_line (
        shop_id uuid NOT NULL,
        order_id bigint NOT NULL,
        line_no smallint NOT NULL,
        product_id bigint NOT NULL,
        quantity integer NOT NULL CHECK (quantity >= 1),
        unit_price_cents integer NOT NULL CHECK (unit_price_cents >= 0),
        PRIMARY KEY (shop_id, order_id, line_no),
        FOREIGN KEY (shop_id, order_id) REFERENCES sales_order (shop_id, order_id) ON DELETE CASCADE,
        FOREIGN KEY (shop_id, product_id) REFERENCES product (shop_id, product_id)
      )`);

    // Counted orders per shop, day (in the shop's zone) and channel; kept by every import in
    // the same transaction as the orders it changes.
    await db.query(`
      CREATE TABLE daily_channel_summary (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        day date NOT NULL,
        channel text NOT NULL,
        orders integer NOT NULL,
        net_receipts_cents bigint NOT NULL,
        PRIMARY KEY (shop_id, day, channel)
      )`);

    // Units and sales per product and day over counted TikTok orders (top products).
    await db.query(`
      CREATE TABLE daily_product_summary (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        day date NOT NULL,
        product_id bigint NOT NULL,
        units_sold bigint NOT NULL,
        total_sales_cents bigint NOT NULL,
        PRIMARY KEY (shop_id, day, product_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'daily_product_summary',
      'daily_channel_summary',
      'order_line',
      'sales_order',
      'product',
      'customer',
      'tiktok_integration',
      'api_token',
      'shop',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
