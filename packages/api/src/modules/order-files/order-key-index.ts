/**
 * The order keys a file has used so far and the row each started on, to catch an order whose rows
 * come back after other orders.
 */
export class OrderKeyIndex {
  private readonly rows = new Map<string, number>();

  /** The row the key was first seen on, or undefined after recording it as starting on `row`. */
  firstRowOrAdd(key: string, row: number): number | undefined {
    const seen = this.rows.get(key);
    if (seen === undefined) this.rows.set(key, row);
    return seen;
  }
}
