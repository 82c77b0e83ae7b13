export interface ColumnWidthSpec {
  /** The width the column needs. */
  size: number;
  minSize: number;
  /** Its share of the room left over (0: keeps its size). */
  grow: number;
}

/** How much of a table too narrow for its columns the first column, which stays in view, may take. */
const FIRST_COLUMN_SHARE = 0.5;

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/**
 * Whole-pixel widths of a table's columns for the room it has (null: not known yet). When the
 * columns fit, the room left over is shared out by `grow` (by size when no column grows), so the
 * columns fill the table exactly. When they do not, every column keeps the width it needs and the
 * table scrolls sideways; the first column, which stays in view while it scrolls, is then capped
 * to half the room so that the other columns can be seen next to it.
 */
export function fittedColumnSizes(columns: readonly ColumnWidthSpec[], available: number | null): number[] {
  const sizes = columns.map((column) => column.size);
  if (available === null || available <= 0 || columns.length === 0) return sizes;
  if (sum(sizes) > available) {
    const first = columns[0]!;
    sizes[0] = Math.max(first.minSize, Math.min(first.size, Math.floor(available * FIRST_COLUMN_SHARE)));
    if (sum(sizes) >= available) return sizes;
  }
  const weights = columns.some((column) => column.grow > 0) ? columns.map((column) => Math.max(0, column.grow)) : sizes;
  const totalWeight = sum(weights);
  const extra = available - sum(sizes);
  const grown = sizes.map((size, i) => size + Math.floor((extra * weights[i]!) / totalWeight));
  let last = weights.length - 1;
  while (last > 0 && weights[last] === 0) last -= 1;
  grown[last]! += available - sum(grown);
  return grown;
}
