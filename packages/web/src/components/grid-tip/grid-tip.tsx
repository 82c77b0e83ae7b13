import type { ReactNode } from 'react';
import type { GridCell, GridTip } from './use-grid-tip';

/** The tooltip of the grid's shown cell, placed next to it by `useGridTip` (nothing when no cell is shown). */
export function GridTooltip({ grid, children }: { grid: GridTip; children: (cell: GridCell) => ReactNode }) {
  if (!grid.shown) return null;
  return (
    <div ref={grid.tipRef} id={grid.tipId} role="tooltip" className="grid-tip" data-testid="grid-tooltip">
      {children(grid.shown)}
    </div>
  );
}
