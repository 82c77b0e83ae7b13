import type { DataSource } from 'typeorm';

/**
 * A request's DataLoaders. Each module declares its loaders as factories next to its SQL; the
 * first use in a request creates one, later uses get the same, so a request batches and caches
 * per loader and nothing outlives it or crosses to another caller.
 */
export class RequestLoaders {
  private readonly made = new Map<(dataSource: DataSource) => unknown, unknown>();

  constructor(private readonly dataSource: DataSource) {}

  get<T>(create: (dataSource: DataSource) => T): T {
    if (!this.made.has(create)) this.made.set(create, create(this.dataSource));
    return this.made.get(create) as T;
  }
}
