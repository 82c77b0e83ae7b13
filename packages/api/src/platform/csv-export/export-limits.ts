import { tmpdir } from 'node:os';

/** How many CSV exports may run at once, and with what (README "Environment"; docs/api.md "CSV exports"). */
export interface ExportSettings {
  /** Exports of one shop being prepared or downloaded at once (EXPORT_LIMIT_PER_SHOP). */
  perShop: number;
  /** Exports of every shop together (EXPORT_LIMIT_TOTAL). */
  total: number;
  /** Connections of the exports' own pool: how many export queries run at once, the others wait their turn (EXPORT_DB_CONNECTIONS). */
  databaseConnections: number;
  /** A download whose client takes no byte for this long is cut off, freeing its place (EXPORT_STALL_TIMEOUT_MS). */
  stallTimeoutMs: number;
  /** Where files are prepared before they are sent (EXPORT_TEMP_DIR). */
  tempDir: string;
  /** Bytes every export's file together may take on disk (EXPORT_TEMP_MAX_MB). */
  tempMaxBytes: number;
}

export const DEFAULT_EXPORT_SETTINGS: ExportSettings = {
  perShop: 2,
  total: 8,
  databaseConnections: 2,
  stallTimeoutMs: 60_000,
  tempDir: tmpdir(),
  tempMaxBytes: 2048 * 1024 * 1024,
};

/** What a refused export is told to wait before it tries again (`Retry-After`, seconds). */
export const EXPORT_RETRY_AFTER_SECONDS = 10;

export type Admission = { admitted: true; release(): void } | { admitted: false; reason: 'shop' | 'total' };

/**
 * Places for exports, counted per shop and in all: an export holds its place from its query to
 * the last byte sent (or the download's end), so that one shop can neither fill the disk nor keep
 * every other shop's export waiting.
 */
export class ExportPlaces {
  private readonly byShop = new Map<string, number>();
  private inUse = 0;

  constructor(private readonly limits: Pick<ExportSettings, 'perShop' | 'total'>) {}

  admit(shopId: string): Admission {
    const ofShop = this.byShop.get(shopId) ?? 0;
    if (ofShop >= this.limits.perShop) return { admitted: false, reason: 'shop' };
    if (this.inUse >= this.limits.total) return { admitted: false, reason: 'total' };
    this.byShop.set(shopId, ofShop + 1);
    this.inUse += 1;
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        this.inUse -= 1;
        const left = (this.byShop.get(shopId) ?? 1) - 1;
        if (left === 0) this.byShop.delete(shopId);
        else this.byShop.set(shopId, left);
      },
    };
  }

  /** Places taken now, in all. */
  get taken(): number {
    return this.inUse;
  }
}

/** First come, first served turns for a limited resource; a waiter whose signal aborts leaves the line. */
export class Turns {
  private free: number;
  private readonly line: Array<() => void> = [];

  constructor(size: number) {
    this.free = size;
  }

  async take(signal: AbortSignal): Promise<() => void> {
    signal.throwIfAborted();
    if (this.free > 0) this.free -= 1;
    else {
      await new Promise<void>((resolve, reject) => {
        const served = () => {
          signal.removeEventListener('abort', leave);
          resolve();
        };
        const leave = () => {
          this.line.splice(this.line.indexOf(served), 1);
          reject(signal.reason);
        };
        this.line.push(served);
        signal.addEventListener('abort', leave, { once: true });
      });
    }
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const next = this.line.shift();
      if (next) next();
      else this.free += 1;
    };
  }
}
