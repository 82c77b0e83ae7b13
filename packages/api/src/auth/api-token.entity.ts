import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A shop's API token; only its SHA-256 hash is stored. */
@Entity({ name: 'api_token' })
export class ApiTokenEntity {
  @PrimaryColumn({ name: 'shop_id', type: 'uuid' })
  shopId!: string;

  @PrimaryColumn({ name: 'token_id', type: 'uuid' })
  id!: string;

  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash!: Buffer;

  @Column({ type: 'text' })
  label!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
