import { describe, expect, it } from 'vitest';
import {
  CSV_BOM,
  csvDateTime,
  csvDocument,
  csvField,
  csvInteger,
  csvLine,
  csvMoney,
  csvRecord,
  csvStart,
  csvText,
  type CsvContext,
} from './csv';
import { CROSSOVER_CUSTOMERS_CSV, MARKETING_CUSTOMERS_CSV, TOP_PRODUCTS_CSV, type MarketingCustomerCsvRow } from './csv-tables';
import { dayInZone } from './time-zone';

const CHICAGO: CsvContext = { currency: 'USD', timeZone: 'America/Chicago' };

describe('csvMoney', () => {
  it('writes the exact decimal with the currency’s minor digits, no symbol, no separators', () => {
    expect(csvMoney(222_100, 'USD')).toBe('2221.00');
    expect(csvMoney(123_450, 'USD')).toBe('1234.50');
    expect(csvMoney(123_456_789, 'USD')).toBe('1234567.89');
    expect(csvMoney(0, 'USD')).toBe('0.00');
    expect(csvMoney(7, 'USD')).toBe('0.07');
    expect(csvMoney(-5, 'USD')).toBe('-0.05');
    expect(csvMoney(-123_450, 'USD')).toBe('-1234.50');
    expect(csvMoney(Number.MAX_SAFE_INTEGER, 'USD')).toBe('90071992547409.91');
    expect(csvMoney(1234, 'JPY')).toBe('1234');
    expect(csvMoney(1_234_567, 'KWD')).toBe('1234.567');
  });

  it('refuses amounts that are not whole minor units, and unknown currencies', () => {
    expect(() => csvMoney(12.5, 'USD')).toThrow(RangeError);
    expect(() => csvMoney(100, 'XYZ')).toThrow(RangeError);
  });
});

describe('csvDateTime', () => {
  it('writes the instant in the shop’s zone with its offset: 01:52Z is still the day before in Chicago', () => {
    const cell = csvDateTime(new Date('2025-02-19T01:52:01Z'), 'America/Chicago');
    expect(cell).toBe('2025-02-18T19:52:01-06:00');
    // The date in the cell is the day the dashboard shows for the order…
    expect(cell.slice(0, 10)).toBe(dayInZone(new Date('2025-02-19T01:52:01Z'), 'America/Chicago'));
    // …and the cell is the same instant.
    expect(new Date(cell).toISOString()).toBe('2025-02-19T01:52:01.000Z');
    expect(csvDateTime(new Date('2025-02-19T01:52:01Z'), 'UTC')).toBe('2025-02-19T01:52:01+00:00');
  });

  it('gives a Date and the API’s ISO text of the same instant the same cell, without fractions of a second', () => {
    expect(csvDateTime('2025-02-19T01:52:01.999Z', 'America/Chicago')).toBe('2025-02-18T19:52:01-06:00');
    expect(csvDateTime(new Date('2025-02-19T01:52:01.999Z'), 'America/Chicago')).toBe('2025-02-18T19:52:01-06:00');
    expect(csvDateTime('2025-02-18T19:52:01-06:00', 'America/Chicago')).toBe('2025-02-18T19:52:01-06:00');
    expect(csvDateTime('2025-02-19T07:22:01+05:30', 'America/Chicago')).toBe('2025-02-18T19:52:01-06:00');
  });

  it('keeps the two 1:30 AMs of a fall-back night apart, and follows daylight saving time', () => {
    expect(csvDateTime(new Date('2025-11-02T06:30:00Z'), 'America/Chicago')).toBe('2025-11-02T01:30:00-05:00');
    expect(csvDateTime(new Date('2025-11-02T07:30:00Z'), 'America/Chicago')).toBe('2025-11-02T01:30:00-06:00');
    expect(csvDateTime(new Date('2025-07-04T04:59:59Z'), 'America/Chicago')).toBe('2025-07-03T23:59:59-05:00');
    expect(csvDateTime(new Date('2025-03-09T08:00:00Z'), 'America/Chicago')).toBe('2025-03-09T03:00:00-05:00');
  });

  it('leaves a missing instant empty and refuses text that is not ISO 8601 with an offset', () => {
    expect(csvDateTime(null, 'America/Chicago')).toBe('');
    expect(() => csvDateTime('Feb 18, 2025', 'America/Chicago')).toThrow();
    expect(() => csvDateTime('2025-02-18T19:52:01', 'America/Chicago')).toThrow();
  });
});

describe('cells and records', () => {
  it('neutralizes text that could run as a formula', () => {
    expect(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\tTab', '\rCR', 'Zoë', ''].map(csvText)).toEqual([
      `'=HYPERLINK("x")`,
      `'+1`,
      `'-2`,
      `'@SUM(A1)`,
      `'\tTab`,
      `'\rCR`,
      'Zoë',
      '',
    ]);
    expect(csvText(null)).toBe('');
    expect(csvText(undefined)).toBe('');
  });

  it('writes counts as digits', () => {
    expect(csvInteger(0)).toBe('0');
    expect(csvInteger(12_345)).toBe('12345');
    expect(() => csvInteger(1.5)).toThrow(RangeError);
  });

  it('quotes RFC 4180 fields only where needed and ends every record with CRLF', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Apt "7", rear')).toBe('"Apt ""7"", rear"');
    expect(csvField('Line\nbreak')).toBe('"Line\nbreak"');
    expect(csvField('CR\rhere')).toBe('"CR\rhere"');
    expect(csvLine(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
  });
});

const customer: MarketingCustomerCsvRow = {
  tiktokCustomerId: 'tt_4ce17df5282446df',
  name: 'Zoë "Z" Smith, Jr.',
  address: { line1: '=1+1 Main St', line2: null, city: 'Chicago', region: 'IL', postalCode: '60614', country: 'US' },
  orders: 16,
  netReceiptsCents: 222_100,
  firstOrderAt: '2025-02-19T01:52:01.000Z',
  lastOrderAt: new Date('2025-07-04T17:00:00Z'),
};

describe('the tables’ CSV columns', () => {
  it('marketing list: header, money with a currency column, dates in the shop’s zone', () => {
    expect(MARKETING_CUSTOMERS_CSV.map((c) => c.header)).toEqual([
      'TikTok customer ID', 'Name', 'Address line 1', 'Address line 2', 'City', 'Region', 'Postal code', 'Country',
      'Orders', 'Net receipts', 'Currency', 'First order', 'Last order',
    ]);
    expect(csvRecord(MARKETING_CUSTOMERS_CSV, customer, CHICAGO)).toBe(
      `tt_4ce17df5282446df,"Zoë ""Z"" Smith, Jr.",'=1+1 Main St,,Chicago,IL,60614,US,16,2221.00,USD,2025-02-18T19:52:01-06:00,2025-07-04T12:00:00-05:00\r\n`,
    );
  });

  it('crossover list', () => {
    expect(CROSSOVER_CUSTOMERS_CSV.map((c) => c.header)).toEqual([
      'TikTok customer ID', 'Name', 'Address line 1', 'Address line 2', 'City', 'Region', 'Postal code', 'Country',
      'First TikTok order', 'Crossover date', 'Store orders', 'Store net receipts', 'Currency',
    ]);
    const row = { ...customer, firstTikTokOrderAt: '2025-02-19T01:52:01Z', firstCrossoverOrderAt: '2025-03-01T18:00:00Z', storeOrders: 2, storeNetReceiptsCents: -150 };
    expect(csvRecord(CROSSOVER_CUSTOMERS_CSV, row, { currency: 'JPY', timeZone: 'Asia/Tokyo' })).toBe(
      `tt_4ce17df5282446df,"Zoë ""Z"" Smith, Jr.",'=1+1 Main St,,Chicago,IL,60614,US,2025-02-19T10:52:01+09:00,2025-03-02T03:00:00+09:00,2,-150,JPY\r\n`,
    );
  });

  it('top products', () => {
    expect(TOP_PRODUCTS_CSV.map((c) => c.header)).toEqual([
      'Rank', 'Product', 'SKU', 'Number sold', 'Total sales', 'Currency', 'Previous rank', 'Previous number sold',
    ]);
    const linenWrap = { rank: 1, name: '-Linen Wrap', sku: null, unitsSold: 81, totalSalesCents: 340_200, previousRank: 4, previousUnitsSold: 30 };
    expect(csvRecord(TOP_PRODUCTS_CSV, linenWrap, CHICAGO)).toBe(`1,'-Linen Wrap,,81,3402.00,USD,4,30\r\n`);
    // New in the period: no previous rank, nothing sold before.
    expect(csvRecord(TOP_PRODUCTS_CSV, { ...linenWrap, previousRank: null, previousUnitsSold: 0 }, CHICAGO)).toBe(`1,'-Linen Wrap,,81,3402.00,USD,,0\r\n`);
  });

  it('a file is the byte-order mark, the header and a record per row; its start does not depend on the rows', () => {
    const belt = { rank: 1, name: 'Belt', sku: 'B-1', unitsSold: 3, totalSalesCents: 4500, previousRank: 2, previousUnitsSold: 5 };
    const file = csvDocument(TOP_PRODUCTS_CSV, [belt], CHICAGO);
    expect(file).toBe(`${CSV_BOM}Rank,Product,SKU,Number sold,Total sales,Currency,Previous rank,Previous number sold\r\n1,Belt,B-1,3,45.00,USD,2,5\r\n`);
    expect(file.startsWith(csvStart(TOP_PRODUCTS_CSV))).toBe(true);
    expect(csvDocument(TOP_PRODUCTS_CSV, [], CHICAGO)).toBe(csvStart(TOP_PRODUCTS_CSV));
  });
});
