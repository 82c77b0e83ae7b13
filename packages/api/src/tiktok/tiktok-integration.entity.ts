import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'tiktok_integration' })
export class TikTokIntegrationEntity {
  @PrimaryColumn({ name: 'shop_id', type: 'uuid' })
  shopId!: string;

  @Column({ type: 'boolean' })
  connected!: boolean;

  @Column({ name: 'connected_at', type: 'timestamptz', nullable: true })
  connectedAt!: Date | null;

  @Column({ name: 'disconnected_at', type: 'timestamptz', nullable: true })
  disconnectedAt!: Date | null;
}
