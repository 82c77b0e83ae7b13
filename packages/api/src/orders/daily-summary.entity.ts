import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Counted orders per shop, local day and channel. */
@Entity({ name: 'daily_channel_summary' })
export class DailyChannelSummaryEntity {
  @PrimaryColumn({ name: 'shop_id', type: 'uuid' })
  shopId!: string;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ type: 'text' })
  channel!: string;

  @Column({ type: 'integer' })
  orders!: number;

  @Column({ name: 'net_receipts_cents', type: 'bigint' })
  netReceiptsCents!: number;
}

/** Units and sales per shop, local day and product over counted TikTok orders. */
@Entity({ name: 'daily_product_summary' })
export class DailyProductSummaryEntity {
  @PrimaryColumn({ name: 'shop_id', type: 'uuid' })
  shopId!: string;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ name: 'product_id', type: 'bigint' })
  productId!: number;

  @Column({ name: 'units_sold', type: 'bigint' })
  unitsSold!: number;

  @Column({ name: 'total_sales_cents', type: 'bigint' })
  totalSalesCents!: number;
}
