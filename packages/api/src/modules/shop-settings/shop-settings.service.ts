import { canonicalTimeZone, currencyMinorDigits, isValidCurrency, isValidTimeZone } from '@tiktok-insights/shared';
import type { ShopScope, ShopTransaction } from '../../platform/database/shop-scope.js';
import { rebuildShopDaySummaries } from '../ingest/summary-backfill.js';
import { refillWeeklyCohorts } from '../insights/tiktok-buyers.projection.js';
import { badUserInput, notFound } from '../../platform/errors/app-error.js';
import type { WeekStart } from '@tiktok-insights/shared';
import { SHOP_RECORD_COLUMNS, type ShopRecord } from '../shops/shop.record.js';

export interface ShopSettingsChanges {
  name?: string | null;
  timezone?: string | null;
  currency?: string | null;
  weekStartsOn?: WeekStart | null;
  aovTargetCents?: number | null;
}

/** What a settings change did, for the log (no values: a shop's name is the seller's). */
export interface ShopSettingsUpdate {
  shop: ShopRecord;
  changed: Array<keyof ShopSettingsChanges>;
  /** The time zone changed, so every daily summary was rebuilt. */
  rebuilt: boolean;
}

/**
 * Statements of a time-zone change may run longer than a dashboard's: they rewrite the day of every
 * order that moves and refill every daily summary of the shop (300,000 orders: 13 s to 1 min).
 */
const REBUILD_STATEMENT_TIMEOUT_MS = 10 * 60_000;

/** The changes checked on their own, with the time zone in its canonical spelling. */
function validateChanges(input: ShopSettingsChanges): ShopSettingsChanges {
  const valid: ShopSettingsChanges = {};
  if (input.name != null) {
    const name = input.name.trim();
    if (name.length < 1 || name.length > 200) throw badUserInput('name must be 1 to 200 characters.', { field: 'name' });
    valid.name = name;
  }
  if (input.timezone != null) {
    if (!isValidTimeZone(input.timezone)) {
      throw badUserInput(`timezone "${input.timezone}" is not an IANA time zone such as America/Chicago.`, { field: 'timezone' });
    }
    valid.timezone = canonicalTimeZone(input.timezone);
  }
  if (input.currency != null) {
    if (!isValidCurrency(input.currency)) {
      throw badUserInput(`currency "${input.currency}" is not an ISO 4217 currency code such as USD.`, { field: 'currency' });
    }
    valid.currency = input.currency;
  }
  if (input.weekStartsOn != null) valid.weekStartsOn = input.weekStartsOn;
  if (input.aovTargetCents != null) {
    if (!Number.isInteger(input.aovTargetCents) || input.aovTargetCents < 0) {
      throw badUserInput('aovTargetCents must be a whole number of cents, 0 or more.', { field: 'aovTargetCents' });
    }
    valid.aovTargetCents = input.aovTargetCents;
  }
  return valid;
}

/** PostgreSQL's own zone database decides the days; a zone it lacks is the caller's error. */
async function assertZoneKnownToDatabase(tx: ShopTransaction, timeZone: string): Promise<void> {
  try {
    await tx.query(`SELECT now() AT TIME ZONE $2 FROM shop WHERE shop_id = $1`, [timeZone]);
  } catch (error) {
    if ((error as { code?: string }).code !== '22023') throw error;
    throw badUserInput(`timezone "${timeZone}" is not known to the database's time-zone data.`, { field: 'timezone' });
  }
}

/**
 * Changes a shop's settings in one transaction, all or nothing. A new time zone moves every order
 * to its day in that zone and rebuilds every summary kept by day, in SQL, before the change
 * commits: readers see the old zone's figures or the new zone's, never a mix. The shop row is
 * locked as an import locks it, so imports wait for the change and then use the new zone.
 * A new week start fills the weekly cohorts again; every other figure forms its weeks from days when read.
 */
export async function updateShopSettings(shop: ShopScope, input: ShopSettingsChanges): Promise<ShopSettingsUpdate> {
  const changes = validateChanges(input);
  return shop.transaction(async (tx) => {
    const rows: Array<{ timezone: string; currency: string; week_starts_on: string }> = await tx.query(
      `SELECT timezone, currency, week_starts_on FROM shop WHERE shop_id = $1 FOR NO KEY UPDATE`,
    );
    const current = rows[0];
    if (!current) throw notFound('Shop not found.');

    if (changes.currency !== undefined && changes.currency !== current.currency) {
      const [from, to] = [currencyMinorDigits(current.currency), currencyMinorDigits(changes.currency!)];
      if (from !== to) {
        const [orders]: Array<{ any: boolean }> = await tx.query(
          `SELECT EXISTS (SELECT 1 FROM sales_order WHERE shop_id = $1) AS any`,
        );
        if (orders!.any) {
          throw badUserInput(
            `currency ${changes.currency} has ${to} decimal digits and ${current.currency} has ${from}: amounts are kept in minor ` +
              `units and would change ${10 ** Math.abs(from - to)}-fold. Choose a currency with ${from} decimal digits.`,
            { field: 'currency' },
          );
        }
      }
    }
    const rebuild = changes.timezone !== undefined && changes.timezone !== current.timezone;
    if (rebuild) await assertZoneKnownToDatabase(tx, changes.timezone!);

    await tx.query(
      `UPDATE shop SET name = coalesce($2, name), timezone = coalesce($3, timezone), currency = coalesce($4, currency),
                       week_starts_on = coalesce($5, week_starts_on), aov_target_cents = coalesce($6, aov_target_cents)
        WHERE shop_id = $1`,
      [changes.name ?? null, changes.timezone ?? null, changes.currency ?? null, changes.weekStartsOn ?? null, changes.aovTargetCents ?? null],
    );
    // The shop switcher lists the shops by their team's (organization's) name.
    if (changes.name !== undefined) await tx.query(`UPDATE shop_organization SET name = $2 WHERE id = $1`, [changes.name]);
    if (rebuild) {
      await tx.manager.query(`SET LOCAL statement_timeout = ${REBUILD_STATEMENT_TIMEOUT_MS}`);
      await rebuildShopDaySummaries(tx, changes.timezone!);
    } else if (changes.weekStartsOn !== undefined && changes.weekStartsOn !== current.week_starts_on) {
      await tx.manager.query(`SET LOCAL statement_timeout = ${REBUILD_STATEMENT_TIMEOUT_MS}`);
      await refillWeeklyCohorts(tx);
    }
    const [updated]: ShopRecord[] = await tx.query(`SELECT ${SHOP_RECORD_COLUMNS} FROM shop WHERE shop_id = $1`);
    return { shop: updated!, changed: Object.keys(changes) as Array<keyof ShopSettingsChanges>, rebuilt: rebuild };
  });
}
