import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';

/** A data cell of a grid: its row, and its column among the row's data cells (from 0). */
export interface GridCell {
  row: number;
  col: number;
}

const keyOf = (cell: GridCell) => `${cell.row}:${cell.col}`;
const same = (a: GridCell | null, b: GridCell) => a !== null && a.row === b.row && a.col === b.col;

/** Room kept free at the top of the window for the sticky bars: a tip that would go under them opens below its cell. */
const STICKY_TOP = 120;
const GAP = 6;

/**
 * A grid of cells that each tell more in a tooltip, for the mouse, the keyboard and touch alike:
 * hovering, focusing or tapping a cell shows its tip; the grid is one tab stop whose arrow keys
 * (Home/End within a row) move between cells, Escape hides the tip. Rows may hold different
 * numbers of cells (a cohort triangle): `rowLength(row)`.
 */
export function useGridTip({ rowCount, rowLength }: { rowCount: number; rowLength: (row: number) => number }) {
  const hostRef = useRef<HTMLDivElement | null>(null);
  const tipRef = useRef<HTMLDivElement | null>(null);
  const cells = useRef(new Map<string, HTMLElement>());
  const [active, setActive] = useState<GridCell>({ row: 0, col: 0 });
  const [hovered, setHovered] = useState<GridCell | null>(null);
  const [focused, setFocused] = useState<GridCell | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const tipId = useId();

  // The data may have changed under the tab stop (another range, months → weeks).
  const tabStop = clampToGrid(active, rowCount, rowLength);
  const shown = dismissed ? null : (hovered ?? focused);

  const place = useCallback(() => {
    const host = hostRef.current;
    const tip = tipRef.current;
    const cell = shown ? cells.current.get(keyOf(shown)) : undefined;
    if (!host || !tip || !cell) return;
    const h = host.getBoundingClientRect();
    const c = cell.getBoundingClientRect();
    const t = tip.getBoundingClientRect();
    const left = Math.max(0, Math.min(c.left - h.left + c.width / 2 - t.width / 2, h.width - t.width));
    const above = c.top - t.height - GAP >= STICKY_TOP;
    const top = above ? c.top - h.top - t.height - GAP : c.bottom - h.top + GAP;
    tip.style.left = `${Math.round(left)}px`;
    tip.style.top = `${Math.round(top)}px`;
  }, [shown]);

  useLayoutEffect(place, [place]);

  // A tap elsewhere on a touch screen closes the tip (a tapped cell is not always focused, so no blur says so).
  const tipOpen = shown !== null;
  useEffect(() => {
    if (!tipOpen) return;
    const onPointerDown = (event: PointerEvent) => {
      if (hostRef.current?.contains(event.target as Node | null)) return;
      setHovered(null);
      setFocused(null);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [tipOpen]);

  const moveTo = (cell: GridCell) => {
    setActive(cell);
    setDismissed(false);
    cells.current.get(keyOf(cell))?.focus();
  };

  const onKeyDown = (event: KeyboardEvent, cell: GridCell) => {
    const last = rowLength(cell.row) - 1;
    let next: GridCell | null = null;
    switch (event.key) {
      case 'ArrowRight':
        next = cell.col < last ? { row: cell.row, col: cell.col + 1 } : null;
        break;
      case 'ArrowLeft':
        next = cell.col > 0 ? { row: cell.row, col: cell.col - 1 } : null;
        break;
      case 'ArrowDown':
      case 'ArrowUp': {
        const step = event.key === 'ArrowDown' ? 1 : -1;
        for (let row = cell.row + step; row >= 0 && row < rowCount; row += step) {
          if (rowLength(row) > 0) {
            next = { row, col: Math.min(cell.col, rowLength(row) - 1) };
            break;
          }
        }
        break;
      }
      case 'Home':
        next = { row: cell.row, col: 0 };
        break;
      case 'End':
        next = { row: cell.row, col: last };
        break;
      case 'Escape':
        if (shown) {
          event.preventDefault();
          setDismissed(true);
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    if (next) moveTo(next);
  };

  /** What each data cell spreads on itself (with its own accessible name). */
  const cellProps = (row: number, col: number) => {
    const cell = { row, col };
    return {
      ref: (element: HTMLElement | null) => {
        if (element) cells.current.set(keyOf(cell), element);
        else cells.current.delete(keyOf(cell));
      },
      tabIndex: same(tabStop, cell) ? 0 : -1,
      'data-shown': same(shown, cell) ? 'true' : undefined,
      onFocus: () => {
        setActive(cell);
        setFocused(cell);
        setDismissed(false);
      },
      onBlur: (event: FocusEvent) => {
        if (!hostRef.current?.contains(event.relatedTarget as Node | null)) setFocused(null);
      },
      onMouseEnter: () => {
        setHovered(cell);
        setDismissed(false);
      },
      // A tap on a touch screen: the tip of the cell tapped (not every browser focuses on a tap).
      onClick: () => {
        setActive(cell);
        setFocused(cell);
        setDismissed(false);
      },
      onKeyDown: (event: KeyboardEvent) => onKeyDown(event, cell),
    };
  };

  return {
    /** The cell whose tip shows, if any. */
    shown,
    tipId,
    tipRef,
    cellProps,
    /** For the element around the grid and its tip (positioned relative to it). */
    hostProps: { ref: hostRef, onMouseLeave: () => setHovered(null) },
    /** For the element that scrolls the grid sideways: the tip follows its cell. */
    onScroll: place,
  };
}

export type GridTip = ReturnType<typeof useGridTip>;

function clampToGrid(cell: GridCell, rowCount: number, rowLength: (row: number) => number): GridCell {
  if (rowCount === 0) return { row: 0, col: 0 };
  const row = Math.min(cell.row, rowCount - 1);
  return { row, col: Math.max(0, Math.min(cell.col, rowLength(row) - 1)) };
}
