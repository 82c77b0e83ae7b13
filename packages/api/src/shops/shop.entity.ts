import { Column, Entity, PrimaryColumn } from 'typeorm';

export type WeekStart = 'MONDAY' | 'SUNDAY';

@Entity({ name: 'shop' })
export class ShopEntity {
  @PrimaryColumn({ name: 'shop_id', type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  timezone!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'week_starts_on', type: 'text' })
  weekStartsOn!: WeekStart;

  @Column({ name: 'aov_target_cents', type: 'integer' })
  aovTargetCents!: number;

  @Column({ name: 'is_demo', type: 'boolean' })
  isDemo!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_import_at', type: 'timestamptz', nullable: true })
  lastImportAt!: Date | null;
}
