/**
 * Address key (spec section 4): a compact, deterministic string such that two spellings of the
 * same place give the same key and different places give different keys. Crossover matching
 * joins TikTok customers to store orders on it, so it runs on every imported order and is
 * stored in an indexed text column.
 *
 * Key format — seven `|`-separated fields, no whitespace anywhere:
 *
 *     house | predirectional | street name | suffix | postdirectional | units | ZIP
 *     123   | N              | MAIN        | ST     |                 | #4    | 60614
 *     → "123|N|MAIN|ST||#4|60614"
 *
 * and for post office boxes a three-field form, `POBOX|<box>|<ZIP>` (e.g. `POBOX|12|60614`),
 * which can never collide with a street key.
 *
 * How each part is folded (decisions where the spec is silent are marked DECISION):
 *
 * - Text: `½`-style fractions are spelled `1/2`; NFKD + combining marks removed (`Peña` → `PENA`,
 *   also `Ø Ł Đ Æ Œ Þ ß`); upper case; apostrophes dropped (`O'Brien` → `OBRIEN`); single-letter
 *   abbreviations lose their periods (`N.E.` → `NE`, `P.O.` → `PO`); a hyphen touching a digit
 *   joins (`4-B` → `4B`, Queens `45-12` → `4512`, `123-1/2` → `123 1/2`); every other
 *   punctuation mark or run of spaces separates words. Letters of other scripts are kept.
 * - House number: the first word when it is digits with at most one trailing letter (`123`,
 *   `123A`), leading zeros dropped, plus a following fraction (`123 1/2` → `123-1/2`, kept so
 *   it differs from `123`). DECISION: spelled-out house numbers (`One Main St`) are not folded.
 * - Suffix (Pub 28 Appendix C1, `usps-pub28.ts`): only the last word of the street (before a
 *   post-directional and any unit) is the suffix, and only when at least one word precedes it,
 *   so `123 Street Rd` is STREET + RD and `123 Parkway` is a street named PARKWAY.
 *   DECISION: a C1 word in the *name* is also written in its standard abbreviation (it is never
 *   treated as the suffix): `Mount Vernon Ave` = `Mt Vernon Ave`, `5 Avenue of the Americas` =
 *   `5 Ave of the Americas`, `Main Street Extension` = `Main St Ext`. Spelling only, not meaning:
 *   `10 Court St` is CT + ST and still differs from `10 Court` or `10 St Ct`.
 * - Directionals (Appendix B, one or two words: `NE`, `Northeast`, `N.E.`, `North East`):
 *   - pre-directional = the first word(s) after the house number, when a street name remains
 *     after it. DECISION: this is done even where the word may be part of the name, so `North
 *     Star Ln` = `N Star Ln`: both are the most common spellings of the same place, and a ZIP
 *     holding both a "North Star Ln" and a different "N Star Ln" is not a real risk. It still
 *     differs from `Star Ln` and `S Star Ln`.
 *   - post-directional = the last word(s) after the suffix (`Main St NW`), or, with no suffix,
 *     the last word(s) when a non-directional word precedes them (Utah grid `123 E 400 S`).
 *     Pre- and post-directionals stay distinct: `E 400 S` ≠ `S 400 E`.
 *   - a directional that is the whole name is the name, abbreviated: `N St` = `North Street`.
 * - Street name: its words concatenated without separators, so spacing inside a name does not
 *   matter (`Mc Kinley` = `McKinley`, `Smith-Jones` = `Smith Jones`). Extras:
 *   ordinals `First` … `Ninety Ninth`, `Hundredth` → `1ST` … (`2th` is corrected to `2ND`); a
 *   name that is a bare number before a suffix becomes ordinal (`W 42 St` = `W 42nd St`);
 *   `St`/`Ste` followed by more name → `SAINT`/`SAINTE` (`St Paul St` = `Saint Paul Street`);
 *   `Rural Route`/`RR` → `RR`, `Highway Contract`/`HC` → `HC`.
 * - Units (Appendix C2): a designator with its identifier, in line 2, at the end of line 1, or at
 *   the start of line 1 (`Apt 4, 123 Main St`, UK `Flat 4, 10 High St`). The spec's Apartment,
 *   Apt, #, Unit and Suite fold to `#`. DECISION: so do No./Number, Room, Space, Lot, Trailer,
 *   PMB and Flat — the spellings people use interchangeably for "the dwelling or box number at
 *   this address". Building, Floor, Department, Hangar, Key, Pier, Slip and Stop keep their own
 *   abbreviation (`Bldg 4` ≠ `Apt 4` in one complex), as do the no-number designators
 *   (Basement, Front, Lobby, Lower, Office, Penthouse, Rear, Side, Upper). The identifier keeps
 *   its letters and digits (`4-B` = `4B` = `4 B`, leading zeros dropped: `04` = `4`). `2nd Floor`
 *   = `Floor 2`. A bare trailing number after the suffix is a unit (`123 Main St 4` = `#4`),
 *   except after route suffixes (`Hwy 61`, `County Rd 12`). Several units are sorted and
 *   de-duplicated (`Bldg 2 Apt 4` = `Apt 4` + line 2 `Bldg 2`). DECISION: words in the unit
 *   part that name no unit and hold no digit (`Leave at back door`, `c/o Jane`, `Attn`) are
 *   ignored.
 * - PO boxes: `PO Box 12`, `P.O. Box 12`, `POB 12`, `Post Office Box #12`, `Box 12` → `POBOX|12`.
 *   DECISION: anything after the box number (and line 2) is ignored for a PO box.
 * - ZIP: see `normalizePostalCode`.
 *
 * DECISION: the country is not part of the key (only the postal code's treatment depends on it):
 * two countries sharing a house number, street and postal code is not a practical risk, while
 * `USA` / `United States` / `US` / empty must never split one customer.
 */
import {
  DESIGNATOR_BY_SPELLING,
  DIRECTIONAL_BY_SPELLING,
  ROUTE_ROAD_QUALIFIERS,
  ROUTE_SUFFIXES,
  SUFFIX_BY_SPELLING,
  TWO_WORD_DIRECTIONALS,
} from './usps-pub28.js';

export interface AddressKeyInput {
  line1: string;
  line2?: string | null;
  postalCode: string;
  country?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Text → words
// ---------------------------------------------------------------------------------------------

const VULGAR_FRACTIONS: ReadonlyMap<string, string> = new Map([
  ['¼', '1/4'],
  ['½', '1/2'],
  ['¾', '3/4'],
  ['⅓', '1/3'],
  ['⅔', '2/3'],
  ['⅛', '1/8'],
  ['⅜', '3/8'],
  ['⅝', '5/8'],
  ['⅞', '7/8'],
]);
const NON_ASCII_RE = /[^\t\n\r\x20-\x7E]/;
const VULGAR_FRACTION_RE = /[¼½¾⅓⅔⅛⅜⅝⅞]/g;
const COMBINING_MARK_RE = /\p{M}+/gu;
/** Latin letters NFKD leaves whole. */
const SPECIAL_LETTERS: ReadonlyMap<string, string> = new Map([
  ['ø', 'o'],
  ['Ø', 'O'],
  ['ł', 'l'],
  ['Ł', 'L'],
  ['đ', 'd'],
  ['Đ', 'D'],
  ['æ', 'ae'],
  ['Æ', 'AE'],
  ['œ', 'oe'],
  ['Œ', 'OE'],
  ['þ', 'th'],
  ['Þ', 'TH'],
  ['ı', 'i'],
]);
const SPECIAL_LETTER_RE = /[øØłŁđĐæÆœŒþÞı]/g;
const FRACTION_SLASH_RE = /[\u2044\u2215]/g;
const APOSTROPHE_RE = /['`\u00B4\u2018\u2019\u02BC]/g;
const HASH_RE = /#/g;
/** The period after a lone letter followed by another lone letter: `N.E.`, `P.O.`, `U.S.`. */
const INITIAL_PERIOD_RE = /(?<![\p{L}\p{N}])([A-Z])\.(?=[A-Z](?![\p{L}\p{N}]))/gu;
/** `123-1/2` → `123 1/2` (before hyphens next to digits are joined). */
const HYPHEN_BEFORE_FRACTION_RE = /(\d)-+(?=\d+\/\d+(?!\d))/g;
/** A slash that is not between two digits. */
const LONE_SLASH_RE = /(?<!\d)\/|\/(?!\d)/g;
/** Hyphens touching a digit inside a word: `4-B`, `B-4`, `45-12`. */
const DIGIT_HYPHEN_RE = /(?<=\d)-+(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}])-+(?=\d)/gu;
const SEPARATOR_RE = /[^\p{L}\p{N}#/]+/gu;
/** A designator glued to its number: `APT4`, `STE200`, `UNIT4B`, `#` is split separately. */
const GLUED_UNIT_RE = /^(APT|APTO|STE|UNIT|RM|SPC|SP|LOT|TRLR|BLDG|FL|FLR|DEPT|PH|PMB|NO)(\d[A-Z0-9]*)$/;

/** Upper-case words of one address line, punctuation resolved (see the module comment). */
export function addressWords(line: string | null | undefined): string[] {
  if (!line) return [];
  const folded = NON_ASCII_RE.test(line)
    ? line
        .replace(VULGAR_FRACTION_RE, (m) => ` ${VULGAR_FRACTIONS.get(m) ?? ''} `)
        .normalize('NFKD')
        .replace(COMBINING_MARK_RE, '')
        .replace(SPECIAL_LETTER_RE, (m) => SPECIAL_LETTERS.get(m) ?? m)
    : line;
  const text = folded
    .toUpperCase()
    .replace(FRACTION_SLASH_RE, '/')
    .replace(APOSTROPHE_RE, '')
    .replace(HASH_RE, ' # ')
    .replace(INITIAL_PERIOD_RE, '$1')
    .replace(HYPHEN_BEFORE_FRACTION_RE, '$1 ')
    .replace(LONE_SLASH_RE, ' ')
    .replace(DIGIT_HYPHEN_RE, '')
    .replace(SEPARATOR_RE, ' ');
  const words: string[] = [];
  for (const word of text.split(' ')) {
    if (word === '') continue;
    const glued = GLUED_UNIT_RE.exec(word);
    if (glued) words.push(glued[1]!, glued[2]!);
    else words.push(word);
  }
  return words;
}

// ---------------------------------------------------------------------------------------------
// Small word classifiers
// ---------------------------------------------------------------------------------------------

const HOUSE_NUMBER_RE = /^\d+[A-Z]?$/;
const FRACTION_RE = /^\d+\/\d+$/;
const DIGITS_RE = /^\d+$/;
const SINGLE_LETTER_RE = /^[A-Z]$/;
const HAS_DIGIT_RE = /\d/;
/** A unit identifier: letters and digits with at least one digit, or one letter (`Apt B`). */
const UNIT_ID_RE = /^(?:[A-Z0-9]*\d[A-Z0-9]*|[A-Z])$/;
const LEADING_ZEROS_RE = /^0+(?=\d)/;
const NUMERIC_ORDINAL_RE = /^(\d+)(?:ST|ND|RD|TH)$/;

function stripLeadingZeros(id: string): string {
  return id.replace(LEADING_ZEROS_RE, '');
}

function ordinalSuffix(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return 'TH';
  switch (n % 10) {
    case 1:
      return 'ST';
    case 2:
      return 'ND';
    case 3:
      return 'RD';
    default:
      return 'TH';
  }
}

function ordinal(n: number): string {
  return `${n}${ordinalSuffix(n)}`;
}

const ORDINAL_WORDS: ReadonlyMap<string, number> = new Map([
  ['FIRST', 1],
  ['SECOND', 2],
  ['THIRD', 3],
  ['FOURTH', 4],
  ['FIFTH', 5],
  ['SIXTH', 6],
  ['SEVENTH', 7],
  ['EIGHTH', 8],
  ['NINTH', 9],
  ['TENTH', 10],
  ['ELEVENTH', 11],
  ['TWELFTH', 12],
  ['THIRTEENTH', 13],
  ['FOURTEENTH', 14],
  ['FIFTEENTH', 15],
  ['SIXTEENTH', 16],
  ['SEVENTEENTH', 17],
  ['EIGHTEENTH', 18],
  ['NINETEENTH', 19],
  ['TWENTIETH', 20],
  ['THIRTIETH', 30],
  ['FORTIETH', 40],
  ['FIFTIETH', 50],
  ['SIXTIETH', 60],
  ['SEVENTIETH', 70],
  ['EIGHTIETH', 80],
  ['NINETIETH', 90],
  ['HUNDREDTH', 100],
]);
const TENS_WORDS: ReadonlyMap<string, number> = new Map([
  ['TWENTY', 20],
  ['THIRTY', 30],
  ['FORTY', 40],
  ['FIFTY', 50],
  ['SIXTY', 60],
  ['SEVENTY', 70],
  ['EIGHTY', 80],
  ['NINETY', 90],
]);

/** The number of an ordinal word (`2ND`, `SECOND`), or null. */
function ordinalValue(word: string): number | null {
  const numeric = NUMERIC_ORDINAL_RE.exec(word);
  if (numeric) return Number(numeric[1]);
  return ORDINAL_WORDS.get(word) ?? null;
}

/** Standard suffix of the word at `index` when it is a suffix that does not name a numbered route. */
function isUnitBearingSuffix(words: readonly string[], index: number): boolean {
  if (index < 1) return false; // a suffix word with nothing before it is the name itself
  const standard = SUFFIX_BY_SPELLING.get(words[index]!);
  if (standard === undefined || ROUTE_SUFFIXES.has(standard)) return false;
  return !(standard === 'RD' && ROUTE_ROAD_QUALIFIERS.has(words[index - 1]!));
}

/** A directional of one or two words starting at `start` (not reaching `end`). */
function directionalAt(words: readonly string[], start: number, end: number): { dir: string; length: number } | null {
  if (start + 1 < end) {
    const two = TWO_WORD_DIRECTIONALS.get(`${words[start]} ${words[start + 1]}`);
    if (two !== undefined) return { dir: two, length: 2 };
  }
  if (start >= end) return null;
  const one = DIRECTIONAL_BY_SPELLING.get(words[start]!);
  return one === undefined ? null : { dir: one, length: 1 };
}

/** A directional of one or two words ending just before `end` (not reaching before `start`). */
function directionalEndingAt(
  words: readonly string[],
  end: number,
  start: number,
): { dir: string; length: number } | null {
  if (end - 2 >= start) {
    const two = TWO_WORD_DIRECTIONALS.get(`${words[end - 2]} ${words[end - 1]}`);
    if (two !== undefined) return { dir: two, length: 2 };
  }
  if (end - 1 < start) return null;
  const one = DIRECTIONAL_BY_SPELLING.get(words[end - 1]!);
  return one === undefined ? null : { dir: one, length: 1 };
}

// ---------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------

/** Designators that all mean "the number of the dwelling / box at this address". */
const FOLDED_TO_HASH: ReadonlySet<string> = new Set([
  '#',
  'APT',
  'UNIT',
  'STE',
  'NO',
  'RM',
  'SPC',
  'LOT',
  'TRLR',
  'PMB',
  'FLAT',
]);
/** Designators dropped when nothing follows them (`123 Main St Apt`). */
const DROPPABLE_WHEN_DANGLING: ReadonlySet<string> = new Set(['#', 'APT', 'UNIT', 'STE']);

function renderUnit(abbreviation: string, id: string): string {
  return FOLDED_TO_HASH.has(abbreviation) ? `#${id}` : `${abbreviation}${id}`;
}

/**
 * A unit identifier starting at `k`: one identifier word, plus a lone letter after a number
 * (`4 B` → `4B`).
 */
function readUnitId(words: readonly string[], k: number): { id: string; next: number } | null {
  const first = words[k];
  if (first === undefined || !UNIT_ID_RE.test(first)) return null;
  const second = words[k + 1];
  if (second !== undefined && DIGITS_RE.test(first) && SINGLE_LETTER_RE.test(second)) {
    return { id: stripLeadingZeros(first + second), next: k + 2 };
  }
  return { id: stripLeadingZeros(first), next: k + 1 };
}

/**
 * One unit starting at word `k`: `null` when no unit starts there; `unit: null` when the words
 * are consumed but name nothing (a dangling `Apt`).
 */
function readUnit(words: readonly string[], k: number): { unit: string | null; next: number } | null {
  const word = words[k]!;
  const following = words[k + 1];
  const floorNumber = ordinalValue(word);
  if (floorNumber !== null && following !== undefined && DESIGNATOR_BY_SPELLING.get(following)?.abbreviation === 'FL') {
    return { unit: `FL${floorNumber}`, next: k + 2 };
  }
  const info = DESIGNATOR_BY_SPELLING.get(word);
  if (info === undefined) return null;
  let idAt = k + 1;
  if (info.abbreviation !== '#' && words[idAt] === '#') idAt += 1; // `Apt #4`
  const id = readUnitId(words, idAt);
  if (info.abbreviation === 'NO') {
    // `No` is a unit only before a number (`No 4`, not `No Name Rd`).
    return id !== null && HAS_DIGIT_RE.test(id.id) ? { unit: renderUnit('NO', id.id), next: id.next } : null;
  }
  if (id !== null) return { unit: renderUnit(info.abbreviation, id.id), next: id.next };
  if (!info.requiresNumber) return { unit: info.abbreviation, next: idAt };
  if (idAt >= words.length && DROPPABLE_WHEN_DANGLING.has(info.abbreviation)) return { unit: null, next: idAt };
  return null;
}

/**
 * Every unit in `words` from `start` on. Bare identifiers with a digit are `#` units (line 2
 * `4B`); other words are ignored, and `Attn …` / `c/o …` ends the list.
 */
function readUnits(words: readonly string[], start: number): { units: string[]; ignoredWords: number } {
  const units: string[] = [];
  let ignoredWords = 0;
  let k = start;
  while (k < words.length) {
    const word = words[k]!;
    if (word === 'ATTN' || word === 'ATTENTION' || (word === 'C' && words[k + 1] === 'O')) {
      ignoredWords += words.length - k;
      break;
    }
    const unit = readUnit(words, k);
    if (unit !== null) {
      if (unit.unit !== null) units.push(unit.unit);
      k = unit.next;
      continue;
    }
    if (HAS_DIGIT_RE.test(word)) {
      const id = readUnitId(words, k);
      if (id !== null) {
        units.push(`#${id.id}`);
        k = id.next;
        continue;
      }
    }
    ignoredWords += 1;
    k += 1;
  }
  return { units, ignoredWords };
}

/** Units written before the street in line 1 (`Apt 4, 123 Main St`, `Flat 2, 10 High St`). */
function takeLeadingUnits(words: readonly string[]): { units: string[]; rest: readonly string[] } {
  const units: string[] = [];
  let k = 0;
  while (k < words.length) {
    const info = DESIGNATOR_BY_SPELLING.get(words[k]!);
    if (info === undefined || !info.requiresNumber) break; // `Front St` is a street, not a unit
    const unit = readUnit(words, k);
    if (unit === null || unit.unit === null) break;
    // `#4` / `No. 4` first are a unit only before a house number: `No. 5 Main St` is house 5.
    const after = words[unit.next];
    const ambiguous = info.abbreviation === '#' || info.abbreviation === 'NO';
    if (ambiguous && after !== undefined && !HOUSE_NUMBER_RE.test(after)) break;
    units.push(unit.unit);
    k = unit.next;
  }
  return { units, rest: words.slice(k) };
}

/**
 * Where the unit part of the street words begins (-1 if none): the first designator, from the
 * second word on, that reads as a unit. Designators that need no number (`Rear`, `Front`) only
 * count right after a suffix or directional and when everything after them is units, so
 * `123 Front St` and `123 West Side Ave` stay streets.
 */
function findUnitStart(words: readonly string[]): number {
  for (let j = 1; j < words.length; j++) {
    const word = words[j]!;
    if (word === '#') return j;
    const unit = readUnit(words, j);
    if (unit === null) continue;
    const info = DESIGNATOR_BY_SPELLING.get(word);
    if (info !== undefined && !info.requiresNumber) {
      const previous = words[j - 1]!;
      const afterSuffixOrDirectional = SUFFIX_BY_SPELLING.has(previous) || DIRECTIONAL_BY_SPELLING.has(previous);
      if (!afterSuffixOrDirectional || readUnits(words, j).ignoredWords > 0) continue;
    }
    return j;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// PO boxes
// ---------------------------------------------------------------------------------------------

const PO_BOX_PREFIXES: readonly (readonly string[])[] = [
  ['POST', 'OFFICE', 'BOX'],
  ['P', 'O', 'BOX'],
  ['P', 'O', 'B'],
  ['POSTOFFICE', 'BOX'],
  ['POST', 'BOX'],
  ['PO', 'BOX'],
  ['POBOX'],
  ['POB'],
  ['BOX'],
];
const GLUED_PO_BOX_RE = /^(?:POBOX|POB|BOX)(\d[A-Z0-9]*)$/;

/** The box number when `words` are a PO box line, else null. */
function poBoxNumber(words: readonly string[]): string | null {
  let k = -1;
  const glued = words[0] === undefined ? null : GLUED_PO_BOX_RE.exec(words[0]);
  if (glued) return stripLeadingZeros(glued[1]!);
  for (const prefix of PO_BOX_PREFIXES) {
    if (prefix.every((p, i) => words[i] === p)) {
      k = prefix.length;
      break;
    }
  }
  if (k < 0) return null;
  if (words[k] === '#' || words[k] === 'NO' || words[k] === 'NUMBER' || words[k] === 'NUM') k += 1;
  const id = readUnitId(words, k);
  // `Box Elder St` is a street: a box number has a digit.
  return id !== null && HAS_DIGIT_RE.test(id.id) ? id.id : null;
}

// ---------------------------------------------------------------------------------------------
// Street name
// ---------------------------------------------------------------------------------------------

const NAME_PHRASES: ReadonlyMap<string, string> = new Map([
  ['RURAL ROUTE', 'RR'],
  ['RURAL RTE', 'RR'],
  ['RURAL RT', 'RR'],
  ['HIGHWAY CONTRACT', 'HC'],
]);

/** The street name's words → the name field (see the module comment). */
function foldName(words: readonly string[], hasSuffix: boolean): string {
  if (words.length === 1) {
    const only = words[0]!;
    const directional = DIRECTIONAL_BY_SPELLING.get(only);
    if (directional !== undefined) return directional; // `N St` = `North Street`
    if (hasSuffix && DIGITS_RE.test(only)) return ordinal(Number(stripLeadingZeros(only))); // `42 St` = `42nd St`
  }
  if (words.length === 2) {
    const directional = TWO_WORD_DIRECTIONALS.get(`${words[0]} ${words[1]}`);
    if (directional !== undefined) return directional;
  }
  let name = '';
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    if (next !== undefined) {
      const phrase = NAME_PHRASES.get(`${word} ${next}`);
      if (phrase !== undefined) {
        name += phrase;
        i += 1;
        continue;
      }
      const tens = TENS_WORDS.get(word);
      const units = ORDINAL_WORDS.get(next);
      if (tens !== undefined && units !== undefined && units < 10) {
        name += ordinal(tens + units); // `Twenty First` → 21ST
        i += 1;
        continue;
      }
      if (word === 'ST') {
        name += 'SAINT';
        continue;
      }
      if (word === 'STE') {
        name += 'SAINTE';
        continue;
      }
    }
    const ordinalNumber = ordinalValue(word);
    if (ordinalNumber !== null) {
      name += ordinal(ordinalNumber);
      continue;
    }
    name += SUFFIX_BY_SPELLING.get(word) ?? word;
  }
  return name;
}

interface StreetParts {
  house: string;
  predirectional: string;
  name: string;
  suffix: string;
  postdirectional: string;
  units: string[];
}

function parseStreet(words: readonly string[]): StreetParts {
  const units: string[] = [];
  let house = '';
  let i = 0;
  const first = words[0];
  if (first !== undefined && HOUSE_NUMBER_RE.test(first)) {
    house = stripLeadingZeros(first);
    i = 1;
    const fraction = words[1];
    if (fraction !== undefined && FRACTION_RE.test(fraction)) {
      house += `-${fraction}`;
      i = 2;
    }
  }
  let street = words.slice(i);
  const unitStart = findUnitStart(street);
  if (unitStart >= 0) {
    units.push(...readUnits(street, unitStart).units);
    street = street.slice(0, unitStart);
  }

  // A bare number after the suffix (or suffix + directional) is a unit: `123 Main St 4`.
  const n = street.length;
  const last = street[n - 1];
  if (n >= 3 && last !== undefined && HAS_DIGIT_RE.test(last) && UNIT_ID_RE.test(last)) {
    const afterSuffix = isUnitBearingSuffix(street, n - 2);
    const afterSuffixAndDirectional =
      n >= 4 && DIRECTIONAL_BY_SPELLING.has(street[n - 2]!) && isUnitBearingSuffix(street, n - 3);
    if (afterSuffix || afterSuffixAndDirectional) {
      units.push(`#${stripLeadingZeros(last)}`);
      street = street.slice(0, n - 1);
    }
  }

  let end = street.length;
  let postdirectional = '';
  let suffix = '';
  // Post-directional after a suffix: `Main St NW`, `Main St North East`.
  const trailing = directionalEndingAt(street, end, 0);
  if (trailing !== null) {
    const suffixAt = end - trailing.length - 1;
    if (suffixAt >= 1 && SUFFIX_BY_SPELLING.has(street[suffixAt]!)) {
      postdirectional = trailing.dir;
      end -= trailing.length;
    }
  }
  if (end >= 2 && SUFFIX_BY_SPELLING.has(street[end - 1]!)) {
    suffix = SUFFIX_BY_SPELLING.get(street[end - 1]!)!;
    end -= 1;
  } else if (postdirectional === '' && trailing !== null) {
    // No suffix: a trailing directional after a real name word (`Broadway E`, `E 400 S`).
    const before = street.slice(0, end - trailing.length);
    if (before.some((w) => !DIRECTIONAL_BY_SPELLING.has(w))) {
      postdirectional = trailing.dir;
      end -= trailing.length;
    }
  }

  // Pre-directional: first word(s), when a name remains after it.
  let start = 0;
  let predirectional = '';
  const leadingTwo = directionalAt(street, 0, end);
  if (leadingTwo !== null && leadingTwo.length === 2 && end - 2 >= 1) {
    predirectional = leadingTwo.dir;
    start = 2;
  } else if (end >= 2) {
    const leadingOne = DIRECTIONAL_BY_SPELLING.get(street[0]!);
    if (leadingOne !== undefined) {
      predirectional = leadingOne;
      start = 1;
    }
  }

  return {
    house,
    predirectional,
    name: foldName(street.slice(start, end), suffix !== ''),
    suffix,
    postdirectional,
    units,
  };
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/**
 * The street part of the address key (every field but the ZIP): `123|N|MAIN|ST||#4`, or
 * `POBOX|12` for a PO box. Line 2 may hold the unit, or the street when line 1 holds only a unit.
 */
export function normalizeStreet(line1: string, line2?: string | null): string {
  const words1 = addressWords(line1);
  const words2 = addressWords(line2);
  const units: string[] = [];
  let streetWords: readonly string[];
  let otherWords: readonly string[] = [];
  const lead1 = takeLeadingUnits(words1);
  units.push(...lead1.units);
  if (lead1.rest.length === 0 && words2.length > 0) {
    // Line 1 is only the unit (`Apt 4`), line 2 the street.
    const lead2 = takeLeadingUnits(words2);
    units.push(...lead2.units);
    streetWords = lead2.rest;
  } else {
    streetWords = lead1.rest;
    otherWords = words2;
  }

  // `No. 5 Main St`: the house number written with `No.` before it.
  if (streetWords[0] === 'NO' && streetWords.length > 2 && HOUSE_NUMBER_RE.test(streetWords[1]!)) {
    streetWords = streetWords.slice(1);
  }

  const box = poBoxNumber(streetWords);
  if (box !== null) return `POBOX|${box}`;

  units.push(...readUnits(otherWords, 0).units);
  const parts = parseStreet(streetWords);
  units.push(...parts.units);
  const unitField = [...new Set(units)].sort().join(',');
  return [parts.house, parts.predirectional, parts.name, parts.suffix, parts.postdirectional, unitField].join('|');
}

const US_COUNTRY_NAMES: ReadonlySet<string> = new Set([
  '',
  'US',
  'USA',
  'UNITEDSTATES',
  'UNITEDSTATESOFAMERICA',
  'AMERICA',
  // Territories and freely associated states addressed with USPS ZIP codes.
  'PR',
  'PUERTORICO',
  'VI',
  'USVI',
  'USVIRGINISLANDS',
  'UNITEDSTATESVIRGINISLANDS',
  'GU',
  'GUAM',
  'AS',
  'AMERICANSAMOA',
  'MP',
  'NORTHERNMARIANAISLANDS',
  'UM',
  'FM',
  'MH',
  'PW',
]);
const NON_LETTER_RE = /[^A-Z]+/g;
const NON_ALNUM_RE = /[^\p{L}\p{N}]+/gu;

function isUsCountry(country: string | null | undefined): boolean {
  if (country === null || country === undefined) return true;
  const compact = country.normalize('NFKD').replace(COMBINING_MARK_RE, '').toUpperCase().replace(NON_LETTER_RE, '');
  return US_COUNTRY_NAMES.has(compact);
}

/**
 * The postal-code field. US (country empty, `US`, `USA`, `United States`, or a territory using
 * ZIP codes): the 5-digit ZIP — `60614-1234`, `60614 1234` and `606141234` → `60614`.
 * DECISION: a ZIP that lost its leading zeros to a spreadsheet is padded (`2134` → `02134`, an
 * 8-digit ZIP+4 → its 9-digit form). A US code with letters in it is treated like a foreign one.
 * Elsewhere: NFKD, upper case, every space, hyphen and other non-alphanumeric removed
 * (`sw1a 1aa` → `SW1A1AA`).
 */
export function normalizePostalCode(postalCode: string, country?: string | null): string {
  const compact = (postalCode ?? '')
    .normalize('NFKD')
    .replace(COMBINING_MARK_RE, '')
    .toUpperCase()
    .replace(NON_ALNUM_RE, '');
  if (isUsCountry(country) && DIGITS_RE.test(compact)) {
    let digits = compact;
    if (digits.length === 8) digits = `0${digits}`;
    else if (digits.length === 3 || digits.length === 4) digits = digits.padStart(5, '0');
    return digits.slice(0, 5);
  }
  return compact;
}

/** The address key: `normalizeStreet(line1, line2)` + `|` + `normalizePostalCode(postalCode, country)`. */
export function addressKey(address: AddressKeyInput): string {
  return `${normalizeStreet(address.line1, address.line2)}|${normalizePostalCode(address.postalCode, address.country)}`;
}
