import type { WeekStart } from '@tiktok-insights/shared';

/** A row of `shop`, as the shops module reads it (migrations define the table). */
export interface ShopRecord {
  id: string;
  name: string;
  timezone: string;
  currency: string;
  weekStartsOn: WeekStart;
  aovTargetCents: number;
  isDemo: boolean;
  createdAt: Date;
  lastImportAt: Date | null;
}

/** The select list that reads a `shop` row as a ShopRecord. */
export const SHOP_RECORD_COLUMNS = `shop_id AS "id", name, timezone, currency, week_starts_on AS "weekStartsOn",
  aov_target_cents AS "aovTargetCents", is_demo AS "isDemo", created_at AS "createdAt", last_import_at AS "lastImportAt"`;
