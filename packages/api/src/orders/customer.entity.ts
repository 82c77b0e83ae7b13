import { Column, Entity, PrimaryColumn } from 'typeorm';

export type CustomerSpace = 'TIKTOK' | 'STORE';

/**
 * A customer in one of a shop's two id spaces: TikTok buyers, and the store's own customers
 * shared by every other channel. The counted_* columns cover the customer's counted orders
 * in its space and are kept by the import.
 */
@Entity({ name: 'customer' })
export class CustomerEntity {
  @PrimaryColumn({ name: 'shop_id', type: 'uuid' })
  shopId!: string;

  @PrimaryColumn({ name: 'customer_id', type: 'bigint' })
  id!: number;

  @Column({ type: 'text' })
  space!: CustomerSpace;

  @Column({ name: 'external_id', type: 'text' })
  externalId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text' })
  line1!: string;

  @Column({ type: 'text', nullable: true })
  line2!: string | null;

  @Column({ type: 'text' })
  city!: string;

  @Column({ type: 'text' })
  region!: string;

  @Column({ name: 'postal_code', type: 'text' })
  postalCode!: string;

  @Column({ type: 'text' })
  country!: string;

  @Column({ name: 'address_key', type: 'text' })
  addressKey!: string;

  @Column({ name: 'counted_orders', type: 'integer' })
  countedOrders!: number;

  @Column({ name: 'counted_net_receipts_cents', type: 'bigint' })
  countedNetReceiptsCents!: number;

  @Column({ name: 'first_counted_order_at', type: 'timestamptz', nullable: true })
  firstCountedOrderAt!: Date | null;

  @Column({ name: 'first_counted_day', type: 'date', nullable: true })
  firstCountedDay!: string | null;

  @Column({ name: 'last_counted_order_at', type: 'timestamptz', nullable: true })
  lastCountedOrderAt!: Date | null;
}
