import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'order_line' })
export class OrderLineEntity {
  @PrimaryColumn({ name: 'shop_id', type: 'uuid' })
  shopId!: string;

  @PrimaryColumn({ name: 'order_id', type: 'bigint' })
  orderId!: number;

  @PrimaryColumn({ name: 'line_no', type: 'smallint' })
  lineNo!: number;

  @Column({ name: 'product_id', type: 'bigint' })
  productId!: number;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ name: 'unit_price_cents', type: 'integer' })
  unitPriceCents!: number;
}
