import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { DataTable, type DataColumn, type DataTableHandle } from './data-table';

interface Item {
  id: string;
  name: string;
  sold: number;
}
const columns: DataColumn<Item>[] = [
  { id: 'name', header: 'Product', cell: (r) => r.name, sortValue: (r) => r.name, size: 100 },
  { id: 'sold', header: 'Number sold', cell: (r) => r.sold, sortValue: (r) => r.sold, align: 'end', size: 90, sortDescFirst: true },
];
const data: Item[] = [
  { id: 'a', name: 'Linen Wrap Dress with a very long descriptive name', sold: 5 },
  { id: 'b', name: 'Belt', sold: 40 },
  { id: 'c', name: 'Cardigan', sold: 12 },
];
const names = () => screen.getAllByTestId('row').map((row) => within(row).getAllByRole('cell')[0]!.textContent);
const width = (id: string) => (document.querySelector(`th[data-col="${id}"]`) as HTMLElement).style.width;

describe('DataTable', () => {
  it('sorts by a column when its header is clicked, and toggles the direction', async () => {
    render(<DataTable columns={columns} data={data} getRowId={(r) => r.id} caption="Products" emptyText="None" />);
    expect(names()).toEqual(['Linen Wrap Dress with a very long descriptive name', 'Belt', 'Cardigan']);
    await userEvent.click(screen.getByRole('button', { name: /Number sold/ }));
    expect(names()).toEqual(['Belt', 'Cardigan', 'Linen Wrap Dress with a very long descriptive name']);
    expect(screen.getByRole('columnheader', { name: /Number sold/ })).toHaveAttribute('aria-sort', 'descending');
    await userEvent.click(screen.getByRole('button', { name: /Number sold/ }));
    expect(names()[0]).toBe('Linen Wrap Dress with a very long descriptive name');
    expect(screen.getByRole('columnheader', { name: /Number sold/ })).toHaveAttribute('aria-sort', 'ascending');
    await userEvent.click(screen.getByRole('button', { name: /Product/ }));
    expect(names()).toEqual(['Belt', 'Cardigan', 'Linen Wrap Dress with a very long descriptive name']);
  });

  it('has a resize handle on every header, resizable with the keyboard', async () => {
    render(<DataTable columns={columns} data={data} getRowId={(r) => r.id} caption="Products" emptyText="None" />);
    const handles = screen.getAllByRole('separator', { name: /Resize column/ });
    expect(handles).toHaveLength(2);
    expect(width('name')).toBe('100px');
    handles[0]!.focus();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(width('name')).toBe('120px');
  });

  it('autosizes all columns to their content and resets them', async () => {
    const ref = createRef<DataTableHandle<Item>>();
    const { rerender } = render(<DataTable ref={ref} columns={columns} data={data} getRowId={(r) => r.id} caption="Products" emptyText="None" />);
    ref.current!.autosizeColumns();
    rerender(<DataTable ref={ref} columns={columns} data={data} getRowId={(r) => r.id} caption="Products" emptyText="None" />);
    await screen.findByRole('table');
    expect(parseInt(width('name'))).toBeGreaterThan(300);
    expect(parseInt(width('sold'))).toBeLessThan(200);
    ref.current!.resetColumnWidths();
    rerender(<DataTable ref={ref} columns={columns} data={data} getRowId={(r) => r.id} caption="Products" emptyText="None" />);
    expect(width('name')).toBe('100px');
    expect(width('sold')).toBe('90px');
  });

  it('gives the rows shown in their current order', async () => {
    const ref = createRef<DataTableHandle<Item>>();
    render(<DataTable ref={ref} columns={columns} data={data} getRowId={(r) => r.id} caption="Products" emptyText="None" />);
    await userEvent.click(screen.getByRole('button', { name: /Number sold/ }));
    expect(ref.current!.rowsShown().map((r) => r.id)).toEqual(['b', 'c', 'a']);
  });
});
