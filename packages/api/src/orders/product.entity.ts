import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'product' })
export class ProductEntity {
  @PrimaryColumn({ name: 'shop_id', type: 'uuid' })
  shopId!: string;

  @PrimaryColumn({ name: 'product_id', type: 'bigint' })
  id!: number;

  @Column({ name: 'external_id', type: 'text' })
  externalId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  sku!: string | null;
}
