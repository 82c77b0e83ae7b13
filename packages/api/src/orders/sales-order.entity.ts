import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrderStatus, SalesChannel } from './order-input.js';

/** An imported order. Written by the set-based import; the entity serves small reads. */
@Entity({ name: 'sales_order' })
export class SalesOrderEntity {
  @PrimaryColumn({ name: 'shop_id', type: 'uuid' })
  shopId!: string;

  @PrimaryColumn({ name: 'order_id', type: 'bigint' })
  id!: number;

  @Column({ type: 'text' })
  channel!: SalesChannel;

  @Column({ name: 'external_id', type: 'text' })
  externalId!: string;

  @Column({ name: 'placed_at', type: 'timestamptz' })
  placedAt!: Date;

  /** The calendar day of placed_at in the shop's time zone. */
  @Column({ name: 'local_day', type: 'date' })
  localDay!: string;

  @Column({ type: 'text' })
  status!: OrderStatus;

  @Column({ type: 'boolean', insert: false, update: false })
  counted!: boolean;

  @Column({ name: 'customer_id', type: 'bigint' })
  customerId!: number;

  @Column({ name: 'subtotal_cents', type: 'bigint' })
  subtotalCents!: number;

  @Column({ name: 'tax_cents', type: 'integer' })
  taxCents!: number;

  @Column({ name: 'shipping_cents', type: 'integer' })
  shippingCents!: number;

  @Column({ name: 'discount_cents', type: 'integer' })
  discountCents!: number;

  @Column({ name: 'credit_cents', type: 'integer' })
  creditCents!: number;

  @Column({ name: 'net_receipts_cents', type: 'bigint' })
  netReceiptsCents!: number;
}
