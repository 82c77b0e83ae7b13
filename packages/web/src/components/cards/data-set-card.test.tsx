import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadCsv } from '../../csv/download-file';
import { DataTable, type DataColumn, type DataTableHandle } from '../tables/data-table';
import { DataSetCard } from './data-set-card';

interface Row {
  id: string;
  name: string;
  units: number;
}
const columns: DataColumn<Row>[] = [
  { id: 'name', header: 'Product', cell: (r) => r.name, sortValue: (r) => r.name },
  { id: 'units', header: 'Number sold', cell: (r) => r.units, sortValue: (r) => r.units, sortDescFirst: true },
];
const rows: Row[] = [
  { id: '1', name: '=cmd|calc', units: 3 },
  { id: '2', name: 'Silk Scarf', units: 9 },
];

function Example({ onRefresh = () => Promise.resolve() }: { onRefresh?: () => Promise<unknown> }) {
  const table = useRef<DataTableHandle<Row> | null>(null);
  return (
    <DataSetCard
      slug="top-products"
      title="Top products"
      help="Restock your best sellers."
      table={table}
      onRefresh={onRefresh}
      download={() =>
        downloadCsv('top.csv', {
          columns: [
            { header: 'Product', value: (r: Row) => r.name },
            { header: 'Number sold', value: (r: Row) => r.units },
          ],
          rows: table.current?.rowsShown() ?? [],
        })
      }
    >
      <DataTable ref={table} columns={columns} data={rows} getRowId={(r) => r.id} caption="Top products" emptyText="None" />
    </DataSetCard>
  );
}

let blobs: Blob[] = [];
beforeEach(() => {
  blobs = [];
  URL.createObjectURL = vi.fn((blob: Blob) => {
    blobs.push(blob);
    return 'blob:test';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

const readBlob = (blob: Blob) =>
  new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blob);
  });

describe('DataSetCard menu', () => {
  it('opens with Enter, moves with the arrows and closes with Escape back on its button', async () => {
    const user = userEvent.setup();
    render(<Example />);
    const button = screen.getByTestId('card-menu');
    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    button.focus();
    await user.keyboard('{Enter}');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const items = screen.getAllByRole('menuitem');
    expect(items.map((i) => i.textContent)).toEqual([
      'Download data (CSV)…',
      'Autosize all columns',
      'Reset all column widths',
      'Expand',
      'Clear cache & refresh',
    ]);
    expect(items[0]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(items[1]).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(items[4]).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it('expands the card full screen; Escape brings it back', async () => {
    const user = userEvent.setup();
    render(<Example />);
    await user.click(screen.getByTestId('card-menu'));
    await user.click(screen.getByRole('menuitem', { name: 'Expand' }));
    const card = screen.getByTestId('card-top-products');
    expect(card).toHaveClass('card--expanded');
    expect(card).toHaveAttribute('role', 'dialog');
    expect(screen.getByRole('button', { name: 'Close expanded view' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(card).not.toHaveClass('card--expanded');
    expect(screen.getByTestId('card-menu')).toHaveFocus();
  });

  it('downloads the rows shown, in their order, as CSV with formulas neutralized', async () => {
    const user = userEvent.setup();
    render(<Example />);
    await user.click(screen.getByRole('button', { name: /Number sold/ }));
    await user.click(screen.getByTestId('card-menu'));
    await user.click(screen.getByRole('menuitem', { name: 'Download data (CSV)…' }));
    expect(screen.getByRole('radio', { name: 'Rows shown' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'All results' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Download' }));
    await waitFor(() => expect(blobs).toHaveLength(1));
    const text = await readBlob(blobs[0]!);
    expect(text.replace(/^\uFEFF/, '')).toBe("Product,Number sold\r\nSilk Scarf,9\r\n'=cmd|calc,3\r\n");
  });

  it('refreshes its data set and shows the help text on demand', async () => {
    const user = userEvent.setup();
    const onRefresh = vi.fn(() => Promise.resolve());
    render(<Example onRefresh={onRefresh} />);
    await user.click(screen.getByTestId('card-menu'));
    await user.click(screen.getByRole('menuitem', { name: 'Clear cache & refresh' }));
    expect(onRefresh).toHaveBeenCalledOnce();
    await user.click(screen.getByRole('button', { name: /How you can use it/ }));
    expect(screen.getByText('Restock your best sellers.')).toBeVisible();
  });
});
