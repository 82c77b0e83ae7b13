import { AppError } from '../../platform/errors/app-error.js';
import { parseOrders, type DomainOrder, type ImportProblem } from '../orders/domain-order.js';
import { columnOfField, type OrderFileFormat, type OrderFileOrder, type OrderFileRowError } from '../order-files/order-file-reader.js';

/** Orders checked at a time: parseOrders takes at most 5,000, and one bad order names its slice's rows. */
const ORDERS_PER_CHECK = 100;

/**
 * A batch of the file's orders as the pipeline takes them, or null with its problems added to
 * `problems` as the file's rows and columns.
 */
export function checkFileBatch(format: OrderFileFormat, batch: readonly OrderFileOrder[], problems: OrderFileRowError[]): DomainOrder[] | null {
  const parsed: DomainOrder[] = [];
  let valid = true;
  for (let start = 0; start < batch.length; start += ORDERS_PER_CHECK) {
    const slice = batch.slice(start, start + ORDERS_PER_CHECK);
    try {
      const orders = parseOrders(slice.map((entry) => entry.order));
      if (valid) parsed.push(...orders);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'BAD_USER_INPUT') throw error;
      valid = false;
      const found = (error.details.problems as ImportProblem[] | undefined) ?? [];
      for (const problem of found) {
        const row = problem.orderIndex === null ? 1 : (slice[problem.orderIndex]?.firstRow ?? 1);
        problems.push({ row, column: columnOfField(format, problem.field), message: problem.message });
      }
      if (found.length === 0) problems.push({ row: slice[0]?.firstRow ?? 1, column: '', message: error.message });
    }
  }
  return valid ? parsed : null;
}
