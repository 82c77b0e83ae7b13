import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People, their sessions and a shop's team (spec section 9). The first seven tables are the
 * authentication library's (better-auth, modules/auth/auth.ts): their columns keep its camelCase
 * names. A shop's organization has the shop's own id, so a membership names the shop directly.
 * API keys are the shop tokens with a name, a scope, a visible prefix and their last use; every
 * existing token becomes an IMPORT key, so no integrator breaks. Shared links are read-only views.
 */
export class Accounts1764230000000 implements MigrationInterface {
  name = 'Accounts1764230000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE app_user (
        "id" uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY,
        "name" text NOT NULL,
        "email" text NOT NULL UNIQUE,
        "emailVerified" boolean NOT NULL,
        "image" text,
        "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
        "updatedAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL
      )`);
    await db.query(`
      CREATE TABLE user_session (
        "id" uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY,
        "expiresAt" timestamptz NOT NULL,
        "token" text NOT NULL UNIQUE,
        "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
        "updatedAt" timestamptz NOT NULL,
        "ipAddress" text,
        "userAgent" text,
        "userId" uuid NOT NULL REFERENCES app_user ("id") ON DELETE CASCADE,
        "activeOrganizationId" text
      )`);
    await db.query(`CREATE INDEX user_session_user_idx ON user_session ("userId")`);
    await db.query(`
      CREATE TABLE user_account (
        "id" uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY,
        "accountId" text NOT NULL,
        "providerId" text NOT NULL,
        "userId" uuid NOT NULL REFERENCES app_user ("id") ON DELETE CASCADE,
        "accessToken" text,
        "refreshToken" text,
        "idToken" text,
        "accessTokenExpiresAt" timestamptz,
        "refreshTokenExpiresAt" timestamptz,
        "scope" text,
        "password" text,
        "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
        "updatedAt" timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX user_account_user_idx ON user_account ("userId")`);
    await db.query(`
      CREATE TABLE auth_verification (
        "id" uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY,
        "identifier" text NOT NULL,
        "value" text NOT NULL,
        "expiresAt" timestamptz NOT NULL,
        "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
        "updatedAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL
      )`);
    await db.query(`CREATE INDEX auth_verification_identifier_idx ON auth_verification ("identifier")`);
    await db.query(`
      CREATE TABLE shop_organization (
        "id" uuid NOT NULL PRIMARY KEY REFERENCES shop (shop_id) ON DELETE CASCADE,
        "name" text NOT NULL,
        "slug" text NOT NULL UNIQUE,
        "logo" text,
        "createdAt" timestamptz NOT NULL,
        "metadata" text
      )`);
    await db.query(`
      CREATE TABLE shop_member (
        "id" uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY,
        "organizationId" uuid NOT NULL REFERENCES shop_organization ("id") ON DELETE CASCADE,
        "userId" uuid NOT NULL REFERENCES app_user ("id") ON DELETE CASCADE,
        "role" text NOT NULL CHECK ("role" IN ('owner', 'admin', 'viewer')),
        "createdAt" timestamptz NOT NULL,
        UNIQUE ("organizationId", "userId")
      )`);
    await db.query(`CREATE INDEX shop_member_user_idx ON shop_member ("userId")`);
    await db.query(`
      CREATE TABLE shop_invitation (
        "id" uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY,
        "organizationId" uuid NOT NULL REFERENCES shop_organization ("id") ON DELETE CASCADE,
        "email" text NOT NULL,
        "role" text,
        "status" text NOT NULL,
        "expiresAt" timestamptz NOT NULL,
        "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
        "inviterId" uuid NOT NULL REFERENCES app_user ("id") ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX shop_invitation_organization_idx ON shop_invitation ("organizationId")`);
    await db.query(`CREATE INDEX shop_invitation_email_idx ON shop_invitation ("email")`);
    // Every shop gets its organization; a shop created later gets one in the same transaction.
    await db.query(`
      INSERT INTO shop_organization ("id", "name", "slug", "createdAt")
      SELECT shop_id, name, shop_id::text, created_at FROM shop`);

    await db.query(`ALTER TABLE api_token ADD COLUMN scope text NOT NULL DEFAULT 'IMPORT' CHECK (scope IN ('READ', 'IMPORT'))`);
    await db.query(`ALTER TABLE api_token ALTER COLUMN scope DROP DEFAULT`);
    // The first characters of a key, to tell keys apart; unknown for the tokens issued before.
    await db.query(`ALTER TABLE api_token ADD COLUMN prefix text`);
    await db.query(`ALTER TABLE api_token ADD COLUMN last_used_at timestamptz`);
    await db.query(`ALTER TABLE api_token ADD COLUMN created_by uuid REFERENCES app_user ("id") ON DELETE SET NULL`);

    await db.query(`ALTER TABLE import_job ADD COLUMN uploaded_by_user_id uuid REFERENCES app_user ("id") ON DELETE SET NULL`);

    await db.query(`
      CREATE TABLE shared_link (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        link_id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        token_hash bytea NOT NULL,
        prefix text NOT NULL,
        password_hash text,
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES app_user ("id") ON DELETE SET NULL,
        last_used_at timestamptz,
        revoked_at timestamptz,
        PRIMARY KEY (shop_id, link_id)
      )`);
    await db.query(`CREATE UNIQUE INDEX shared_link_hash_key ON shared_link (token_hash)`);
    await db.query(`CREATE UNIQUE INDEX shared_link_id_key ON shared_link (link_id)`);

    // Server-wide settings kept in the database: the signing secret, the one-time setup code's hash,
    // the demo owner's printed password.
    await db.query(`
      CREATE TABLE server_setting (
        name text PRIMARY KEY,
        value text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE server_setting`);
    await db.query(`DROP TABLE shared_link`);
    await db.query(`ALTER TABLE import_job DROP COLUMN uploaded_by_user_id`);
    for (const column of ['created_by', 'last_used_at', 'prefix', 'scope']) {
      await db.query(`ALTER TABLE api_token DROP COLUMN ${column}`);
    }
    for (const table of ['shop_invitation', 'shop_member', 'shop_organization', 'auth_verification', 'user_account', 'user_session', 'app_user']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
