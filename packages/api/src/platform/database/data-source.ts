import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { InitialSchema1764150000000 } from './migrations/1764150000000-initial-schema.js';
import { InsightsSummaries1764160000000 } from './migrations/1764160000000-insights-summaries.js';
import { ShopDeletionCascades1764170000000 } from './migrations/1764170000000-shop-deletion-cascades.js';
import { ShopImportedOrders1764180000000 } from './migrations/1764180000000-shop-imported-orders.js';
import { TikTokBuyerSummaries1764190000000 } from './migrations/1764190000000-tiktok-buyer-summaries.js';
import { AuthFailureCounters1764200000000 } from './migrations/1764200000000-auth-failure-counters.js';
import { ImportJobs1764210000000 } from './migrations/1764210000000-import-jobs.js';
import { ImportJobUploader1764220000000 } from './migrations/1764220000000-import-job-uploader.js';
import { Accounts1764230000000 } from './migrations/1764230000000-accounts.js';
import { MoreInsights1764240000000 } from './migrations/1764240000000-more-insights.js';
import { AddressLastStoreDay1764250000000 } from './migrations/1764250000000-address-last-store-day.js';
import { ReadIndexes1764260000000 } from './migrations/1764260000000-read-indexes.js';
import { WeeklyProductSummary1764270000000 } from './migrations/1764270000000-weekly-product-summary.js';
import { CohortDaySummary1764280000000 } from './migrations/1764280000000-cohort-day-summary.js';
import { AddressStoreDaySummary1764290000000 } from './migrations/1764290000000-address-store-day-summary.js';
import { installPgTypeParsers } from './pg-types.js';
import { QueryObserverLogger } from './query-observer.js';

export const MIGRATIONS = [
  InitialSchema1764150000000,
  InsightsSummaries1764160000000,
  ShopDeletionCascades1764170000000,
  ShopImportedOrders1764180000000,
  TikTokBuyerSummaries1764190000000,
  AuthFailureCounters1764200000000,
  ImportJobs1764210000000,
  ImportJobUploader1764220000000,
  Accounts1764230000000,
  MoreInsights1764240000000,
  AddressLastStoreDay1764250000000,
  ReadIndexes1764260000000,
  WeeklyProductSummary1764270000000,
  CohortDaySummary1764280000000,
  AddressStoreDaySummary1764290000000,
];

export interface DataSourceOptions {
  url: string;
  /**
   * Read replicas of `url` (env DATABASE_REPLICA_URLS). With them, plain reads go to a replica;
   * writes, and reads that must see them, go to the primary through `onPrimary*`.
   */
  replicaUrls?: string[];
  poolSize?: number;
  /** Milliseconds after which PostgreSQL cancels a statement (default 15 s; env STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs?: number;
  applicationName?: string;
}

export function createDataSource(options: DataSourceOptions): DataSource {
  installPgTypeParsers();
  const replicas = options.replicaUrls ?? [];
  return new DataSource({
    type: 'postgres',
    ...(replicas.length > 0
      ? { replication: { master: { url: options.url }, slaves: replicas.map((url) => ({ url })), defaultMode: 'slave' as const } }
      : { url: options.url }),
    // No entities: every module reads and writes its tables in SQL; the migrations define them.
    entities: [],
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'all',
    synchronize: false,
    logger: new QueryObserverLogger(),
    maxQueryExecutionTime: 1000,
    applicationName: options.applicationName ?? 'tiktok-insights-api',
    extra: {
      max: options.poolSize ?? 10,
      statement_timeout: options.statementTimeoutMs ?? 15_000,
      // Every read is a few index ranges of summaries; a server with JIT would compile one for
      // ~15 ms whenever an estimate looks large (generate_series is guessed at 1,000 rows).
      options: '-c jit=off',
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 5_000,
    },
  });
}

/** Connects and applies pending migrations; returns the names it applied. */
export async function openDatabase(options: DataSourceOptions): Promise<{ dataSource: DataSource; applied: string[] }> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'all' });
  return { dataSource, applied: applied.map((m) => m.name) };
}
