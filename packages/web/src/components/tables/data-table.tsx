import {
  columnResizingFeature,
  columnSizingFeature,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_basic,
  sortFn_text,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';
import { useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { fittedColumnSizes } from './fit-columns';
import { useContentWidth } from './use-content-width';

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { basic: sortFn_basic, text: sortFn_text },
  columnSizingFeature,
  columnResizingFeature,
});
type Features = typeof features;

/** A column as the dashboard describes it; DataTable turns it into a TanStack column. */
export interface DataColumn<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** The value sorted on (client-side sorting). */
  sortValue?: (row: T) => string | number;
  align?: 'start' | 'end';
  /** The width the column needs (px); columns are widened from it to fill a wider table. */
  size?: number;
  minSize?: number;
  /** Its share of the room left over when the table is wider than its columns (like flex-grow). */
  grow?: number;
  enableSorting?: boolean;
  sortDescFirst?: boolean;
}

/** What a card's menu can ask of its table. */
export interface DataTableHandle<T> {
  autosizeColumns: () => void;
  resetColumnWidths: () => void;
  rowsShown: () => T[];
}

export { type SortingState };

const MIN_WIDTH = 64;
const DEFAULT_WIDTH = 160;
const MAX_AUTO_WIDTH = 480;

/**
 * The dashboard's table: sortable headers (client-side, or `manualSorting` when the server sorts),
 * columns resizable by dragging a header's edge (or with arrow keys on it; double-click resets).
 * Until a column is resized its width is fitted: the columns fill the card when they fit in it,
 * and otherwise keep the width they need and the table scrolls sideways inside its card, its
 * first column staying in view (on phones).
 */
export function DataTable<T extends RowData>({
  columns,
  data,
  getRowId,
  caption,
  emptyText,
  sorting: controlledSorting,
  onSortingChange,
  manualSorting = false,
  ref,
}: {
  columns: DataColumn<T>[];
  data: readonly T[];
  getRowId: (row: T) => string;
  caption: string;
  emptyText: string;
  sorting?: SortingState;
  onSortingChange?: (sorting: SortingState) => void;
  manualSorting?: boolean;
  ref?: Ref<DataTableHandle<T>>;
}) {
  const [ownSorting, setOwnSorting] = useState<SortingState>([]);
  const sorting = controlledSorting ?? ownSorting;
  const tableRef = useRef<HTMLTableElement | null>(null);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const availableWidth = useContentWidth(scrollRef);

  const columnDefs = useMemo<ColumnDef<Features, T, any>[]>(() => {
    const sizes = fittedColumnSizes(
      columns.map((column) => ({ size: column.size ?? DEFAULT_WIDTH, minSize: column.minSize ?? MIN_WIDTH, grow: column.grow ?? 0 })),
      availableWidth,
    );
    return columns.map((column, i) => ({
      id: column.id,
      header: column.header,
      accessorFn: (row: T) => (column.sortValue ? column.sortValue(row) : ''),
      sortFn: 'basic',
      size: sizes[i],
      minSize: column.minSize ?? MIN_WIDTH,
      maxSize: 1200,
      enableSorting: column.enableSorting ?? true,
      sortDescFirst: column.sortDescFirst ?? false,
    }));
  }, [columns, availableWidth]);
  const byId = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);

  const table = useTable({
    features,
    columns: columnDefs,
    data,
    getRowId: (row: T) => getRowId(row),
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      if (onSortingChange) onSortingChange(next);
      if (controlledSorting === undefined) setOwnSorting(next);
    },
    manualSorting,
    enableSortingRemoval: false,
    columnResizeMode: 'onChange',
  });

  useImperativeHandle(
    ref,
    () => ({
      autosizeColumns: () => {
        const sizes: Record<string, number> = {};
        for (const column of columns) {
          const nodes = tableRef.current?.querySelectorAll<HTMLElement>(`[data-col="${CSS.escape(column.id)}"] .cell-content`) ?? [];
          let widest = 0;
          for (const node of nodes) {
            const measured = node.scrollWidth;
            const estimated = (node.textContent ?? '').length * 7.5;
            widest = Math.max(widest, measured > 0 ? measured : estimated);
          }
          // cell padding + room for the sort arrow and the resize handle
          sizes[column.id] = Math.round(Math.min(MAX_AUTO_WIDTH, Math.max(column.minSize ?? MIN_WIDTH, widest + 40)));
        }
        table.setColumnSizing(sizes);
      },
      resetColumnWidths: () => table.resetColumnSizing(true),
      rowsShown: () => table.getRowModel().rows.map((row) => row.original),
    }),
    [columns, table],
  );

  const resizeWithKeys = (event: KeyboardEvent, columnId: string, size: number) => {
    const step = event.shiftKey ? 40 : 10;
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault();
      const next = Math.max(MIN_WIDTH, size + (event.key === 'ArrowRight' ? step : -step));
      table.setColumnSizing((old) => ({ ...old, [columnId]: next }));
    }
  };

  const rows = table.getRowModel().rows;
  return (
    <div ref={scrollRef} className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table ref={tableRef} className="data-table" style={{ width: table.getTotalSize() }}>
        <caption className="visually-hidden">{caption}</caption>
        <colgroup>
          {table.getAllLeafColumns().map((column) => (
            <col key={column.id} style={{ width: column.getSize() }} />
          ))}
        </colgroup>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const column = byId.get(header.column.id);
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                const label = column?.header ?? header.column.id;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    data-col={header.column.id}
                    className={`data-table__th ${column?.align === 'end' ? 'is-end' : ''}`}
                    style={{ width: header.getSize() }}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {canSort ? (
                      <button type="button" className="data-table__sort cell-content" onClick={header.column.getToggleSortingHandler()}>
                        {label}
                        <span className={`sort-arrow ${sorted ? 'is-active' : ''}`} aria-hidden="true">
                          {sorted === 'desc' ? '↓' : sorted === 'asc' ? '↑' : '↕'}
                        </span>
                      </button>
                    ) : (
                      <span className="cell-content">{label}</span>
                    )}
                    <div
                      role="separator"
                      aria-orientation="vertical"
                      aria-label={`Resize column ${label}`}
                      aria-valuenow={header.getSize()}
                      aria-valuemin={MIN_WIDTH}
                      tabIndex={0}
                      data-testid="column-resize-handle"
                      className={`resize-handle ${header.column.getIsResizing() ? 'is-resizing' : ''}`}
                      onMouseDown={header.getResizeHandler()}
                      onTouchStart={header.getResizeHandler()}
                      onDoubleClick={() => header.column.resetSize()}
                      onKeyDown={(event) => resizeWithKeys(event, header.column.id, header.getSize())}
                    />
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="data-table__empty">
                {emptyText}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.id} data-testid="row">
                {row.getAllCells().map((cell) => {
                  const column = byId.get(cell.column.id);
                  return (
                    <td key={cell.id} data-col={cell.column.id} className={column?.align === 'end' ? 'is-end' : undefined}>
                      <span className="cell-content">{column?.cell(row.original)}</span>
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
