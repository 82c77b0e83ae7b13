import { describe, expect, it } from 'vitest';
import { buildCsv } from './build-csv';
import { csvMoneyCell } from './csv-table';

describe('buildCsv', () => {
  it('writes RFC 4180 with a UTF-8 BOM and CRLF line ends', () => {
    const csv = buildCsv({
      columns: [
        { header: 'Name', value: (r: { name: string; n: number }) => r.name },
        { header: 'Orders', value: (r) => r.n },
      ],
      rows: [
        { name: 'Zoë "Z" Smith, Jr.', n: 3 },
        { name: 'Line\nbreak', n: 0 },
      ],
    });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1)).toBe('Name,Orders\r\n"Zoë ""Z"" Smith, Jr.",3\r\n"Line\nbreak",0\r\n');
  });

  it('neutralizes text cells that could run as formulas, but leaves numbers alone', () => {
    const csv = buildCsv({
      columns: [
        { header: 'Text', value: (r: { t: string; n: number }) => r.t },
        { header: 'Number', value: (r) => r.n },
      ],
      rows: [
        { t: '=HYPERLINK("x")', n: -5 },
        { t: '+1', n: 1.5 },
        { t: '-2', n: 0 },
        { t: '@SUM(A1)', n: 2 },
        { t: '\tTab', n: 3 },
      ],
    });
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""x"")",-5`);
    expect(lines[2]).toBe(`'+1,1.5`);
    expect(lines[3]).toBe(`'-2,0`);
    expect(lines[4]).toBe(`'@SUM(A1),2`);
    expect(lines[5]).toBe(`'\tTab,3`);
  });

  it('writes amounts as the tables\' files do: the decimal of the currency, whole cents kept', () => {
    const csv = buildCsv({
      columns: [{ header: 'Net receipts (USD)', value: (r: { cents: number; currency: string }) => csvMoneyCell(r.cents, r.currency) }],
      rows: [
        { cents: 222_100, currency: 'USD' },
        { cents: 5, currency: 'USD' },
        { cents: 1234, currency: 'JPY' },
      ],
    });
    expect(csv.slice(1).split('\r\n').slice(1, 4)).toEqual(['2221.00', '0.05', '1234']);
  });
});
