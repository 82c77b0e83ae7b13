import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressKey, normalizePostalCode, normalizeStreet, type AddressKeyInput } from './address-key.js';
import { DIRECTIONAL_BY_SPELLING, DESIGNATOR_BY_SPELLING, STREET_SUFFIXES, SUFFIX_BY_SPELLING } from './usps-pub28.js';

/** A line 1 alone, or any address fields; ZIP 60614 and country US unless given. */
type Addr = string | Partial<AddressKeyInput>;

function full(a: Addr): AddressKeyInput {
  const base: AddressKeyInput = { line1: '', postalCode: '60614', country: 'US' };
  return typeof a === 'string' ? { ...base, line1: a } : { ...base, ...a };
}

function key(a: Addr): string {
  return addressKey(full(a));
}

const MATCHES: ReadonlyArray<readonly [string, Addr, Addr]> = [
  // The spec's example and the ZIP.
  ['spec example', '123 N Main Street Apt 4', '123 north main st #4'],
  ['ZIP+4 with hyphen', { line1: '123 Main St', postalCode: '60614-1234' }, { line1: '123 Main St', postalCode: '60614' }],
  ['ZIP+4 without hyphen', { line1: '123 Main St', postalCode: '606141234' }, '123 Main St'],
  ['ZIP+4 with space', { line1: '123 Main St', postalCode: ' 60614 1234 ' }, '123 Main St'],
  ['ZIP missing its leading zero', { line1: '1 Main St', postalCode: '2134' }, { line1: '1 Main St', postalCode: '02134' }],
  ['country spellings', { line1: '1 Main St', country: 'USA' }, { line1: '1 Main St', country: null }],
  ['country United States', { line1: '1 Main St', country: 'United States' }, { line1: '1 Main St', country: 'us' }],

  // Where the unit is written.
  ['unit in line 2 vs end of line 1', { line1: '123 Main St', line2: 'Apt 4' }, '123 Main St Apt 4'],
  ['# in line 2 vs Apt in line 1', { line1: '123 Main St', line2: '#4' }, '123 Main St Apt 4'],
  ['bare number in line 2', { line1: '123 Main St', line2: '4' }, '123 Main St Apt 4'],
  ['unit in line 1, street in line 2', { line1: 'Apt 4', line2: '123 Main St' }, '123 Main St Apt 4'],
  ['unit before the street', 'Apt 4, 123 Main St', '123 Main St Apt 4'],
  ['same unit in both lines', { line1: '123 Main St Apt 4', line2: '#4' }, '123 Main St Apt 4'],
  ['bare number after the suffix', '123 Main St 4', '123 Main St Apt 4'],
  ['bare number after suffix and directional', '123 Main St NW 4', '123 Main St NW Apt 4'],
  ['several units in either order and line', { line1: '123 Main St Apt 4', line2: 'Bldg 2' }, '123 Main St Bldg 2 Apt 4'],
  ['c/o and delivery notes in line 2 are ignored', { line1: '123 Main St', line2: 'c/o Jane Doe' }, '123 Main St'],
  ['Attn in line 2 is ignored', { line1: '123 Main St Apt 4', line2: 'Attn: Receiving' }, '123 Main St #4'],

  // Unit designators.
  ['Apt vs #', '123 Main St Apt 4', '123 Main St # 4'],
  ['Apt vs Unit', '123 Main St Apt 4', '123 Main St Unit 4'],
  ['Apt vs Suite', '123 Main St Apt 4', '123 Main St Suite 4'],
  ['Apt vs Ste.', '123 Main St Apt 4', '123 Main St Ste. 4'],
  ['Apt vs Apartment', '123 Main St Apt 4', '123 Main St Apartment 4'],
  ['Apt vs No.', '123 Main St Apt 4', '123 Main St No. 4'],
  ['Apt vs Number', '123 Main St Apt 4', '123 Main St Number 4'],
  ['Apt vs Apt #', '123 Main St Apt 4', '123 Main St Apt. #4'],
  ['Room vs Rm vs #', '123 Main St Room 4', '123 Main St Rm #4'],
  ['Lot vs #', '5 Pine Ct Lot 12', '5 Pine Ct #12'],
  ['Space vs Spc', '5 Pine Ct Space 12', '5 Pine Ct Spc 12'],
  ['Trailer vs Trlr', '5 Pine Ct Trailer 12', '5 Pine Ct Trlr 12'],
  ['PMB vs #', '9 Oak Ave PMB 45', '9 Oak Ave #45'],
  ['glued designator', '123 Main St APT4', '123 Main St Apt 4'],
  ['unit 4B vs 4-B', '123 Main St Apt 4B', '123 Main St Apt 4-B'],
  ['unit 4B vs 4 B', '123 Main St Apt 4B', '123 Main St Unit 4 B'],
  ['unit case', '123 Main St Apt 4B', '123 Main St #4b'],
  ['unit leading zero', '123 Main St Apt 04', '123 Main St Apt 4'],
  ['Building vs Bldg', '123 Main St Building 2', '123 Main St Bldg 2'],
  ['Floor vs Fl', '123 Main St Floor 3', '123 Main St Fl 3'],
  ['3rd Floor vs Fl 3', '123 Main St 3rd Floor', '123 Main St Fl 3'],
  ['Rear at end of line 1 vs line 2', '123 Main St Rear', { line1: '123 Main St', line2: 'Rear' }],
  ['Penthouse vs PH', '123 Main St Penthouse', '123 Main St PH'],

  // Directionals.
  ['North vs N', '123 North Main St', '123 N Main St'],
  ['South vs S', '123 South Main St', '123 S. Main St'],
  ['East vs E', '123 East Main St', '123 E Main St'],
  ['West vs W', '123 West Main St', '123 W Main St'],
  ['Northeast vs NE', '123 Northeast Main St', '123 NE Main St'],
  ['North West vs NW', '123 North West Main St', '123 NW Main St'],
  ['S.E. vs Southeast', '123 S.E. Main St', '123 Southeast Main St'],
  ['South-West vs SW', '123 South-West Main St', '123 SW Main St'],
  ['post-directional NW vs Northwest', '123 Main St NW', '123 Main Street Northwest'],
  ['post-directional N.E. vs NE', '123 Main St N.E.', '123 Main St NE'],
  ['post-directional N. E. vs North East', '123 Main St N. E.', '123 Main Street North East'],
  ['North Star Ln vs N Star Ln', '123 North Star Ln', '123 N Star Lane'],
  ['grid address E 400 S', { line1: '123 E 400 S', postalCode: '84111' }, { line1: '123 East 400 South', postalCode: '84111' }],
  ['directional as the whole name', '123 N St', '123 North Street'],
  ['post-directional without a suffix', '123 Broadway E', '123 Broadway East'],

  // Suffixes (Pub 28 C1).
  ['Street vs Str', '123 Oak Street', '123 Oak Str'],
  ['Street vs Strt', '123 Oak Street', '123 Oak Strt'],
  ['Avenue vs Av', '123 Oak Avenue', '123 Oak Av'],
  ['Avenue vs Aven', '123 Oak Avenue', '123 Oak Aven'],
  ['Avenue vs Avenu', '123 Oak Avenue', '123 Oak Avenu'],
  ['Avenue vs Avn', '123 Oak Avenue', '123 Oak Avn'],
  ['Avenue vs Avnue', '123 Oak Avenue', '123 Oak Avnue'],
  ['Boulevard vs Blvd', '123 Oak Boulevard', '123 Oak Blvd.'],
  ['Road vs Rd', '123 Oak Road', '123 Oak Rd'],
  ['Drive vs Drv', '123 Oak Drive', '123 Oak Drv'],
  ['Drive vs Dr', '123 Oak Drive', '123 Oak Dr'],
  ['Lane vs Ln', '123 Oak Lane', '123 Oak Ln'],
  ['Court vs Ct', '123 Oak Court', '123 Oak Ct'],
  ['Place vs Pl', '123 Oak Place', '123 Oak Pl'],
  ['Terrace vs Terr', '123 Oak Terrace', '123 Oak Terr'],
  ['Circle vs Circ', '123 Oak Circle', '123 Oak Circ'],
  ['Parkway vs Pkwy', '123 Oak Parkway', '123 Oak Pkwy'],
  ['Parkway vs Pky', '123 Oak Parkway', '123 Oak Pky'],
  ['Highway vs Hwy', '123 Oak Highway', '123 Oak Hwy'],
  ['Square vs Sq', '123 Oak Square', '123 Oak Sq'],
  ['Trail vs Trl', '123 Oak Trail', '123 Oak Trl'],
  ['Way vs Wy', '123 Oak Way', '123 Oak Wy'],
  ['Point vs Pt', '123 Oak Point', '123 Oak Pt'],
  ['Crossing vs Xing', '123 Oak Crossing', '123 Oak Xing'],
  ['Heights vs Hts', '123 Oak Heights', '123 Oak Hts'],
  ['Centre vs Center', '123 Oak Centre', '123 Oak Center'],
  ['Expressway vs Expy', '123 Oak Expressway', '123 Oak Expy'],
  ['Meadows vs Mdws', '123 Oak Meadows', '123 Oak Mdws'],
  ['Turnpike vs Tpke', '123 Oak Turnpike', '123 Oak Tpke'],
  ['suffix with post-directional', '123 Oak Avenue South', '123 Oak Ave S'],

  // Punctuation, spacing, case, Unicode.
  ['extra spaces and case', '  123   MAIN    street  ', '123 main St'],
  ['periods and commas', '123 Main St., Apt. 4', '123 Main St Apt 4'],
  ['hyphen between words', '12 Smith-Jones Rd', '12 Smith Jones Rd'],
  ['spacing inside a name', '12 Mc Kinley Ave', '12 McKinley Ave'],
  ['apostrophes', "12 O'Brien St", '12 O’Brien St'],
  ['apostrophe dropped', "12 O'Brien St", '12 OBrien St'],
  ['diacritics', '12 Calle Peña', '12 Calle Pena'],
  ['diacritics in a French name', "12 Rue de l'Église", '12 rue de l eglise'],
  ['full-width characters', '１２３ Ｍａｉｎ Ｓｔ', '123 Main St'],
  ['Queens hyphenated house number', '45-12 Bell Blvd', '4512 Bell Blvd'],
  ['house number with letter', '123-A Main St', '123A Main St'],

  // Half addresses and PO boxes.
  ['half address with ½', '123 1/2 Main St', '123½ Main St'],
  ['half address with hyphen', '123 1/2 Main St', '123-1/2 Main St'],
  ['P.O. Box vs PO BOX', 'P.O. Box 12', 'PO BOX 12'],
  ['Post Office Box', 'Post Office Box 12', 'PO Box 12'],
  ['P. O. Box with #', 'P. O. Box #12', 'PO Box 12'],
  ['POB and glued POBOX', 'POB 12', 'POBOX12'],
  ['Box alone', 'Box 12', 'PO Box 12'],

  // Extras: ordinals, Saint, name words, routes.
  ['1st vs First', '12 1st Ave', '12 First Avenue'],
  ['Twenty-First vs 21st', '12 Twenty-First St', '12 21st St'],
  ['42 St vs 42nd St', '12 W 42 St', '12 West 42nd Street'],
  ['St Paul vs Saint Paul', '12 St. Paul St', '12 Saint Paul Street'],
  ['Mount vs Mt in the name', '12 Mount Vernon Ave', '12 Mt. Vernon Ave'],
  ['Avenue of the Americas', '5 Avenue of the Americas', '5 Ave of the Americas'],
  ['Street Extension', '12 Main Street Extension', '12 Main St Ext'],
  ['Highway number', '12 State Highway 61 N', '12 State Hwy 61 North'],
  ['County Road number', '12 County Road 5', '12 County Rd 5'],
  ['Rural Route', 'Rural Route 2 Box 15', 'RR 2 Box 15'],
  ['No. before the house number', 'No. 5 Main St', '5 Main St'],

  // Postal codes outside the US.
  ['UK postcode spacing and case', { line1: '10 Downing St', postalCode: 'sw1a 2aa', country: 'GB' }, { line1: '10 Downing Street', postalCode: 'SW1A2AA', country: 'GB' }],
  ['Canadian postal code hyphen', { line1: '1 Main St', postalCode: 'K1A-0B1', country: 'CA' }, { line1: '1 Main St', postalCode: 'k1a 0b1', country: 'Canada' }],
  ['UK flat before the street', { line1: 'Flat 4, 10 High St', postalCode: 'N1 9GU', country: 'GB' }, { line1: '10 High Street', line2: 'Flat 4', postalCode: 'N19GU', country: 'GB' }],
];

const NON_MATCHES: ReadonlyArray<readonly [string, Addr, Addr]> = [
  ['other unit number', '123 Main St Apt 4', '123 Main St Apt 5'],
  ['unit vs no unit', '123 Main St Apt 4', '123 Main St'],
  ['unit 4 vs 40', '123 Main St Apt 4', '123 Main St Apt 40'],
  ['unit 4B vs 4', '123 Main St Apt 4B', '123 Main St Apt 4'],
  ['unit 4B vs B4', '123 Main St Apt 4B', '123 Main St Apt B4'],
  ['other unit in line 2', { line1: '123 Main St', line2: 'Apt 4' }, { line1: '123 Main St', line2: 'Apt 5' }],
  ['building vs apartment', '123 Main St Bldg 4', '123 Main St Apt 4'],
  ['floor vs suite', '123 Main St Fl 4', '123 Main St Ste 4'],
  ['other building, same apartment', '123 Main St Bldg 2 Apt 4', '123 Main St Bldg 3 Apt 4'],
  ['rear vs front house', '123 Main St Rear', '123 Main St'],
  ['other ZIP', { line1: '123 Main St', postalCode: '60614' }, { line1: '123 Main St', postalCode: '60615' }],
  ['other ZIP with +4', { line1: '123 Main St', postalCode: '60614-1234' }, { line1: '123 Main St', postalCode: '60615-1234' }],
  ['other foreign postal code', { line1: '10 High St', postalCode: 'N1 9GU', country: 'GB' }, { line1: '10 High St', postalCode: 'N1 9GT', country: 'GB' }],
  ['other house number', '123 Main St', '124 Main St'],
  ['123 vs 1234', '123 Main St', '1234 Main St'],
  ['123 vs 12', '123 Main St', '12 Main St'],
  ['house with letter', '123A Main St', '123 Main St'],
  ['half address vs whole', '123 1/2 Main St', '123 Main St'],
  ['other street name', '123 Main St', '123 Maine St'],
  ['St vs Ave', '123 Main St', '123 Main Ave'],
  ['Rd vs Dr', '123 Oak Rd', '123 Oak Dr'],
  ['Ct vs Cir', '123 Oak Ct', '123 Oak Cir'],
  ['suffix vs no suffix', '123 Main St', '123 Main'],
  ['Main St vs Main St Extension', '123 Main St', '123 Main St Ext'],
  ['N vs S', '123 N Main St', '123 S Main St'],
  ['E vs W', '123 East Main St', '123 West Main St'],
  ['NE vs NW', '123 NE Main St', '123 NW Main St'],
  ['directional vs none', '123 N Main St', '123 Main St'],
  ['post-directional NW vs SW', '123 Main St NW', '123 Main St SW'],
  ['grid E 400 S vs S 400 E', { line1: '123 E 400 S', postalCode: '84111' }, { line1: '123 S 400 E', postalCode: '84111' }],
  ['North Star Ln vs Star Ln', '123 North Star Ln', '123 Star Ln'],
  ['North Star Ln vs South Star Ln', '123 North Star Ln', '123 S Star Ln'],
  ['Street Rd keeps its suffix', '123 Street Rd', '123 Street'],
  ['Court St vs Court', '10 Court St', '10 Court'],
  ['Court St vs St Court', '10 Court St', '10 St Ct'],
  ['1st vs 2nd', '12 1st Ave', '12 2nd Ave'],
  ['other highway number', '12 State Hwy 61', '12 State Hwy 16'],
  ['other PO box', 'PO Box 12', 'PO Box 13'],
  ['PO box vs house number', 'PO Box 12', '12 Main St'],
];

describe('addressKey', () => {
  it('has the required number of cases', () => {
    expect(MATCHES.length).toBeGreaterThanOrEqual(60);
    expect(NON_MATCHES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(MATCHES)('same place: %s', (_name, a, b) => {
    expect(key(a)).toBe(key(b));
  });

  it.each(NON_MATCHES)('different places: %s', (_name, a, b) => {
    expect(key(a)).not.toBe(key(b));
  });

  describe('key form', () => {
    it.each([
      [{ line1: '123 N Main Street Apt 4', postalCode: '60614-1234' }, '123|N|MAIN|ST||#4|60614'],
      [{ line1: '123 Main St', line2: 'Apt 4' }, '123||MAIN|ST||#4|60614'],
      [{ line1: '123 Main St Apt 4', line2: 'Bldg 2' }, '123||MAIN|ST||#4,BLDG2|60614'],
      [{ line1: '123 Main Street NW' }, '123||MAIN|ST|NW||60614'],
      [{ line1: '123 E 400 S', postalCode: '84111' }, '123|E|400||S||84111'],
      [{ line1: '123 1/2 Main St' }, '123-1/2||MAIN|ST|||60614'],
      [{ line1: '123 Street Rd' }, '123||ST|RD|||60614'],
      [{ line1: 'P.O. Box 0012', postalCode: '60614-0012' }, 'POBOX|12|60614'],
      [{ line1: '10 Downing St', postalCode: 'sw1a 2aa', country: 'GB' }, '10||DOWNING|ST|||SW1A2AA'],
      [{ line1: '', postalCode: '' }, '||||||'],
    ])('%o → %s', (input, expected) => {
      expect(key(input)).toBe(expected);
    });

    it('never contains whitespace and has 7 fields (3 for PO boxes)', () => {
      for (const [, a, b] of [...MATCHES, ...NON_MATCHES]) {
        for (const k of [key(a), key(b)]) {
          expect(k).not.toMatch(/\s/);
          expect(k.split('|')).toHaveLength(k.startsWith('POBOX|') ? 3 : 7);
        }
      }
    });

    it('is deterministic: the same input gives the same key, in any order and repeatedly', () => {
      const inputs = [...MATCHES, ...NON_MATCHES].flatMap(([, a, b]) => [a, b]);
      const first = inputs.map(key);
      const reversed = [...inputs].reverse().map(key).reverse();
      expect(reversed).toEqual(first);
      expect(inputs.map((a) => addressKey(structuredClone(full(a))))).toEqual(first);
    });

    it('never throws, never holds whitespace, and is stable for arbitrary text', () => {
      const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
      fc.assert(
        fc.property(text, fc.option(text), text, fc.option(text), (line1, line2, postalCode, country) => {
          const input = { line1, line2, postalCode, country };
          const k = addressKey(input);
          expect(k).not.toMatch(/\s/);
          expect(addressKey({ ...input })).toBe(k);
          expect(addressKey({ ...input, line1: `  ${line1.toLowerCase()}  ` })).toBe(
            addressKey({ ...input, line1: line1.toLowerCase() }),
          );
        }),
        { numRuns: 500 },
      );
    });

    it('is addressKey = normalizeStreet | normalizePostalCode', () => {
      expect(addressKey({ line1: '123 Main St', line2: '#4', postalCode: '60614-1234', country: 'US' })).toBe(
        `${normalizeStreet('123 Main St', '#4')}|${normalizePostalCode('60614-1234', 'US')}`,
      );
    });
  });

  describe('normalizePostalCode', () => {
    it.each([
      ['60614', 'US', '60614'],
      ['60614-1234', 'US', '60614'],
      ['606141234', null, '60614'],
      ['60614 1234', 'United States of America', '60614'],
      ['2134', 'US', '02134'],
      ['21341234', 'US', '02134'],
      ['00901', 'PR', '00901'],
      ['sw1a 1aa', 'GB', 'SW1A1AA'],
      ['K1A-0B1', 'CA', 'K1A0B1'],
      ['75008', 'FR', '75008'],
      ['1234', 'AU', '1234'],
      ['k1a 0b1', 'US', 'K1A0B1'],
    ])('%s (%s) → %s', (code, country, expected) => {
      expect(normalizePostalCode(code, country)).toBe(expected);
    });
  });

  describe('Publication 28 tables', () => {
    it('maps every standard abbreviation to itself', () => {
      for (const row of STREET_SUFFIXES) expect(SUFFIX_BY_SPELLING.get(row.standard)).toBe(row.standard);
    });

    it('maps every listed spelling to its standard, unless it is another suffix’s standard', () => {
      const standards = new Set(STREET_SUFFIXES.map((r) => r.standard));
      for (const row of STREET_SUFFIXES) {
        for (const spelling of row.spellings) {
          if (spelling !== row.standard && standards.has(spelling)) continue; // MDW: MEADOW, not MEADOWS
          expect(SUFFIX_BY_SPELLING.get(spelling), spelling).toBe(row.standard);
        }
      }
    });

    it('has no suffix spelling that is also a directional', () => {
      for (const spelling of SUFFIX_BY_SPELLING.keys()) expect(DIRECTIONAL_BY_SPELLING.has(spelling), spelling).toBe(false);
    });

    it('folds every C1 spelling in suffix position to the same key as the primary name', () => {
      for (const row of STREET_SUFFIXES) {
        const expected = key(`123 Oak ${row.primary}`);
        expect(expected.split('|')[3], row.primary).toBe(row.standard);
        for (const spelling of row.spellings) {
          const owner = STREET_SUFFIXES.find((r) => r.standard === spelling);
          if (owner !== undefined && owner !== row) continue;
          expect(key(`123 Oak ${spelling}`), spelling).toBe(expected);
        }
      }
    });

    it('folds every designator of the spec’s group to #', () => {
      const spellings = ['APT', 'APARTMENT', 'UNIT', 'STE', 'SUITE', '#', 'NO', 'NUMBER'];
      for (const s of spellings) {
        expect(DESIGNATOR_BY_SPELLING.has(s), s).toBe(true);
        expect(key(`123 Main St ${s} 4`), s).toBe('123||MAIN|ST||#4|60614');
      }
    });
  });
});
