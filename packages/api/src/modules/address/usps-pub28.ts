/**
 * Tables from USPS Publication 28 ("Postal Addressing Standards") used by the address key.
 *
 * - Appendix C1: street suffixes — primary name, commonly used abbreviations, and the USPS
 *   standard abbreviation every spelling folds to.
 * - Appendix B: directionals.
 * - Appendix C2: secondary unit designators.
 *
 * All words are upper case ASCII, the form the address normalizer produces before looking them
 * up. The lookup maps are built once, at module load.
 */

/**
 * Appendix C1. Each row: primary name, standard abbreviation, then every other spelling Pub 28
 * lists for it (the primary name and the standard abbreviation are always included implicitly).
 */
const C1_ROWS: ReadonlyArray<readonly [primary: string, standard: string, others: string]> = [
  ['ALLEY', 'ALY', 'ALLEE ALLY'],
  ['ANEX', 'ANX', 'ANNEX ANNX'],
  ['ARCADE', 'ARC', ''],
  ['AVENUE', 'AVE', 'AV AVEN AVENU AVN AVNUE'],
  ['BAYOU', 'BYU', 'BAYOO'],
  ['BEACH', 'BCH', ''],
  ['BEND', 'BND', ''],
  ['BLUFF', 'BLF', 'BLUF'],
  ['BLUFFS', 'BLFS', ''],
  ['BOTTOM', 'BTM', 'BOT BOTTM'],
  ['BOULEVARD', 'BLVD', 'BOUL BOULV'],
  ['BRANCH', 'BR', 'BRNCH'],
  ['BRIDGE', 'BRG', 'BRDGE'],
  ['BROOK', 'BRK', ''],
  ['BROOKS', 'BRKS', ''],
  ['BURG', 'BG', ''],
  ['BURGS', 'BGS', ''],
  ['BYPASS', 'BYP', 'BYPA BYPAS BYPS'],
  ['CAMP', 'CP', 'CMP'],
  ['CANYON', 'CYN', 'CANYN CNYN'],
  ['CAPE', 'CPE', ''],
  ['CAUSEWAY', 'CSWY', 'CAUSWA'],
  ['CENTER', 'CTR', 'CEN CENT CENTR CENTRE CNTER CNTR'],
  ['CENTERS', 'CTRS', ''],
  ['CIRCLE', 'CIR', 'CIRC CIRCL CRCL CRCLE'],
  ['CIRCLES', 'CIRS', ''],
  ['CLIFF', 'CLF', ''],
  ['CLIFFS', 'CLFS', ''],
  ['CLUB', 'CLB', ''],
  ['COMMON', 'CMN', ''],
  ['COMMONS', 'CMNS', ''],
  ['CORNER', 'COR', ''],
  ['CORNERS', 'CORS', ''],
  ['COURSE', 'CRSE', ''],
  ['COURT', 'CT', ''],
  ['COURTS', 'CTS', ''],
  ['COVE', 'CV', ''],
  ['COVES', 'CVS', ''],
  ['CREEK', 'CRK', ''],
  ['CRESCENT', 'CRES', 'CRSENT CRSNT'],
  ['CREST', 'CRST', ''],
  ['CROSSING', 'XING', 'CRSSNG'],
  ['CROSSROAD', 'XRD', ''],
  ['CROSSROADS', 'XRDS', ''],
  ['CURVE', 'CURV', ''],
  ['DALE', 'DL', ''],
  ['DAM', 'DM', ''],
  ['DIVIDE', 'DV', 'DIV DVD'],
  ['DRIVE', 'DR', 'DRIV DRV'],
  ['DRIVES', 'DRS', ''],
  ['ESTATE', 'EST', ''],
  ['ESTATES', 'ESTS', ''],
  ['EXPRESSWAY', 'EXPY', 'EXP EXPR EXPRESS EXPW'],
  ['EXTENSION', 'EXT', 'EXTN EXTNSN'],
  ['EXTENSIONS', 'EXTS', ''],
  ['FALL', 'FALL', ''],
  ['FALLS', 'FLS', ''],
  ['FERRY', 'FRY', 'FRRY'],
  ['FIELD', 'FLD', ''],
  ['FIELDS', 'FLDS', ''],
  ['FLAT', 'FLT', ''],
  ['FLATS', 'FLTS', ''],
  ['FORD', 'FRD', ''],
  ['FORDS', 'FRDS', ''],
  ['FOREST', 'FRST', 'FORESTS'],
  ['FORGE', 'FRG', 'FORG'],
  ['FORGES', 'FRGS', ''],
  ['FORK', 'FRK', ''],
  ['FORKS', 'FRKS', ''],
  ['FORT', 'FT', 'FRT'],
  ['FREEWAY', 'FWY', 'FREEWY FRWAY FRWY'],
  ['GARDEN', 'GDN', 'GARDN GRDEN GRDN'],
  ['GARDENS', 'GDNS', 'GRDNS'],
  ['GATEWAY', 'GTWY', 'GATEWY GATWAY GTWAY'],
  ['GLEN', 'GLN', ''],
  ['GLENS', 'GLNS', ''],
  ['GREEN', 'GRN', ''],
  ['GREENS', 'GRNS', ''],
  ['GROVE', 'GRV', 'GROV'],
  ['GROVES', 'GRVS', ''],
  ['HARBOR', 'HBR', 'HARB HARBR HRBOR'],
  ['HARBORS', 'HBRS', ''],
  ['HAVEN', 'HVN', ''],
  ['HEIGHTS', 'HTS', 'HT'],
  ['HIGHWAY', 'HWY', 'HIGHWY HIWAY HIWY HWAY'],
  ['HILL', 'HL', ''],
  ['HILLS', 'HLS', ''],
  ['HOLLOW', 'HOLW', 'HLLW HOLLOWS HOLWS'],
  ['INLET', 'INLT', ''],
  ['ISLAND', 'IS', 'ISLND'],
  ['ISLANDS', 'ISS', 'ISLNDS'],
  ['ISLE', 'ISLE', 'ISLES'],
  ['JUNCTION', 'JCT', 'JCTION JCTN JUNCTN JUNCTON'],
  ['JUNCTIONS', 'JCTS', 'JCTNS'],
  ['KEY', 'KY', ''],
  ['KEYS', 'KYS', ''],
  ['KNOLL', 'KNL', 'KNOL'],
  ['KNOLLS', 'KNLS', ''],
  ['LAKE', 'LK', ''],
  ['LAKES', 'LKS', ''],
  ['LAND', 'LAND', ''],
  ['LANDING', 'LNDG', 'LNDNG'],
  ['LANE', 'LN', ''],
  ['LIGHT', 'LGT', ''],
  ['LIGHTS', 'LGTS', ''],
  ['LOAF', 'LF', ''],
  ['LOCK', 'LCK', ''],
  ['LOCKS', 'LCKS', ''],
  ['LODGE', 'LDG', 'LDGE LODG'],
  ['LOOP', 'LOOP', 'LOOPS'],
  ['MALL', 'MALL', ''],
  ['MANOR', 'MNR', ''],
  ['MANORS', 'MNRS', ''],
  ['MEADOW', 'MDW', ''],
  // Pub 28 also lists MDW as a common spelling of MEADOWS; MDW stays MEADOW's standard form.
  ['MEADOWS', 'MDWS', 'MDW MEDOWS'],
  ['MEWS', 'MEWS', ''],
  ['MILL', 'ML', ''],
  ['MILLS', 'MLS', ''],
  ['MISSION', 'MSN', 'MISSN MSSN'],
  ['MOTORWAY', 'MTWY', ''],
  ['MOUNT', 'MT', 'MNT'],
  ['MOUNTAIN', 'MTN', 'MNTAIN MNTN MOUNTIN MTIN'],
  ['MOUNTAINS', 'MTNS', 'MNTNS'],
  ['NECK', 'NCK', ''],
  ['ORCHARD', 'ORCH', 'ORCHRD'],
  ['OVAL', 'OVAL', 'OVL'],
  ['OVERPASS', 'OPAS', ''],
  ['PARK', 'PARK', 'PRK'],
  ['PARKS', 'PARK', ''],
  ['PARKWAY', 'PKWY', 'PARKWY PKWAY PKY'],
  ['PARKWAYS', 'PKWY', 'PKWYS'],
  ['PASS', 'PASS', ''],
  ['PASSAGE', 'PSGE', ''],
  ['PATH', 'PATH', 'PATHS'],
  ['PIKE', 'PIKE', 'PIKES'],
  ['PINE', 'PNE', ''],
  ['PINES', 'PNES', ''],
  ['PLACE', 'PL', ''],
  ['PLAIN', 'PLN', ''],
  ['PLAINS', 'PLNS', ''],
  ['PLAZA', 'PLZ', 'PLZA'],
  ['POINT', 'PT', ''],
  ['POINTS', 'PTS', ''],
  ['PORT', 'PRT', ''],
  ['PORTS', 'PRTS', ''],
  ['PRAIRIE', 'PR', 'PRR'],
  ['RADIAL', 'RADL', 'RAD RADIEL'],
  ['RAMP', 'RAMP', ''],
  ['RANCH', 'RNCH', 'RANCHES RNCHS'],
  ['RAPID', 'RPD', ''],
  ['RAPIDS', 'RPDS', ''],
  ['REST', 'RST', ''],
  ['RIDGE', 'RDG', 'RDGE'],
  ['RIDGES', 'RDGS', ''],
  ['RIVER', 'RIV', 'RVR RIVR'],
  ['ROAD', 'RD', ''],
  ['ROADS', 'RDS', ''],
  ['ROUTE', 'RTE', ''],
  ['ROW', 'ROW', ''],
  ['RUE', 'RUE', ''],
  ['RUN', 'RUN', ''],
  ['SHOAL', 'SHL', ''],
  ['SHOALS', 'SHLS', ''],
  ['SHORE', 'SHR', 'SHOAR'],
  ['SHORES', 'SHRS', 'SHOARS'],
  ['SKYWAY', 'SKWY', ''],
  ['SPRING', 'SPG', 'SPNG SPRNG'],
  ['SPRINGS', 'SPGS', 'SPNGS SPRNGS'],
  ['SPUR', 'SPUR', ''],
  ['SPURS', 'SPUR', ''],
  ['SQUARE', 'SQ', 'SQR SQRE SQU'],
  ['SQUARES', 'SQS', 'SQRS'],
  ['STATION', 'STA', 'STATN STN'],
  ['STRAVENUE', 'STRA', 'STRAV STRAVEN STRAVN STRVN STRVNUE'],
  ['STREAM', 'STRM', 'STREME'],
  ['STREET', 'ST', 'STRT STR'],
  ['STREETS', 'STS', ''],
  ['SUMMIT', 'SMT', 'SUMIT SUMITT'],
  ['TERRACE', 'TER', 'TERR'],
  ['THROUGHWAY', 'TRWY', ''],
  ['TRACE', 'TRCE', 'TRACES'],
  ['TRACK', 'TRAK', 'TRACKS TRK TRKS'],
  ['TRAFFICWAY', 'TRFY', ''],
  ['TRAIL', 'TRL', 'TRAILS TRLS'],
  ['TRAILER', 'TRLR', 'TRLRS'],
  ['TUNNEL', 'TUNL', 'TUNEL TUNLS TUNNELS TUNNL'],
  ['TURNPIKE', 'TPKE', 'TRNPK TURNPK'],
  ['UNDERPASS', 'UPAS', ''],
  ['UNION', 'UN', ''],
  ['UNIONS', 'UNS', ''],
  ['VALLEY', 'VLY', 'VALLY VLLY'],
  ['VALLEYS', 'VLYS', ''],
  ['VIADUCT', 'VIA', 'VDCT VIADCT'],
  ['VIEW', 'VW', ''],
  ['VIEWS', 'VWS', ''],
  ['VILLAGE', 'VLG', 'VILL VILLAG VILLG VILLIAGE'],
  ['VILLAGES', 'VLGS', ''],
  ['VILLE', 'VL', ''],
  ['VISTA', 'VIS', 'VIST VST VSTA'],
  ['WALK', 'WALK', ''],
  ['WALKS', 'WALK', ''],
  ['WALL', 'WALL', ''],
  ['WAY', 'WAY', 'WY'],
  ['WAYS', 'WAYS', ''],
  ['WELL', 'WL', ''],
  ['WELLS', 'WLS', ''],
];

/**
 * Spellings that are not in Pub 28 but are common enough in typed addresses to fold too.
 * `RT 9` is how most people write `ROUTE 9`.
 */
const EXTRA_SUFFIX_SPELLINGS: ReadonlyArray<readonly [spelling: string, standard: string]> = [['RT', 'RTE']];

export interface StreetSuffix {
  readonly primary: string;
  readonly standard: string;
  /** Every spelling Pub 28 lists, including the primary name and the standard abbreviation. */
  readonly spellings: readonly string[];
}

/** Appendix C1 as structured rows. */
export const STREET_SUFFIXES: readonly StreetSuffix[] = C1_ROWS.map(([primary, standard, others]) => ({
  primary,
  standard,
  spellings: [...new Set([primary, standard, ...others.split(' ').filter((s) => s !== '')])],
}));

function buildSuffixMap(): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const row of STREET_SUFFIXES) for (const s of row.spellings) if (!map.has(s)) map.set(s, row.standard);
  for (const [spelling, standard] of EXTRA_SUFFIX_SPELLINGS) if (!map.has(spelling)) map.set(spelling, standard);
  // A standard abbreviation always means its own suffix (MDW is MEADOW, not MEADOWS).
  for (const row of STREET_SUFFIXES) map.set(row.standard, row.standard);
  return map;
}

/** Any spelling (primary, common abbreviation, standard) → standard abbreviation. */
export const SUFFIX_BY_SPELLING: ReadonlyMap<string, string> = buildSuffixMap();

/**
 * Suffixes that name numbered routes: a number after them is part of the street name
 * (`HWY 61`, `LOOP 410`), never a unit.
 */
export const ROUTE_SUFFIXES: ReadonlySet<string> = new Set(['HWY', 'RTE', 'FWY', 'EXPY', 'TPKE', 'BYP', 'LOOP', 'SPUR']);

/** Words before `RD` that make it a numbered route (`COUNTY RD 12`, `STATE RD 7`). */
export const ROUTE_ROAD_QUALIFIERS: ReadonlySet<string> = new Set([
  'COUNTY',
  'CO',
  'STATE',
  'TOWNSHIP',
  'TWP',
  'FOREST',
  'FARM',
  'RANCH',
  'RNCH',
  'PRIVATE',
]);

/** Appendix B directionals: every spelling → standard abbreviation. */
export const DIRECTIONAL_BY_SPELLING: ReadonlyMap<string, string> = new Map([
  ['N', 'N'],
  ['NORTH', 'N'],
  ['S', 'S'],
  ['SOUTH', 'S'],
  ['E', 'E'],
  ['EAST', 'E'],
  ['W', 'W'],
  ['WEST', 'W'],
  ['NE', 'NE'],
  ['NORTHEAST', 'NE'],
  ['NW', 'NW'],
  ['NORTHWEST', 'NW'],
  ['SE', 'SE'],
  ['SOUTHEAST', 'SE'],
  ['SW', 'SW'],
  ['SOUTHWEST', 'SW'],
]);

/**
 * Two-word directionals (`NORTH EAST`, `N E`, from `N. E.` or `North-East`): "first second" →
 * standard abbreviation.
 */
export const TWO_WORD_DIRECTIONALS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const ns: ReadonlyArray<readonly [string, string]> = [
    ['N', 'N'],
    ['NORTH', 'N'],
    ['S', 'S'],
    ['SOUTH', 'S'],
  ];
  const ew: ReadonlyArray<readonly [string, string]> = [
    ['E', 'E'],
    ['EAST', 'E'],
    ['W', 'W'],
    ['WEST', 'W'],
  ];
  for (const [a, ab] of ns) for (const [b, bb] of ew) map.set(`${a} ${b}`, ab + bb);
  return map;
})();

export interface SecondaryUnitDesignator {
  readonly name: string;
  readonly abbreviation: string;
  /** Pub 28 requires a secondary range (number) after this designator. */
  readonly requiresNumber: boolean;
}

/** Appendix C2: secondary unit designators. */
export const SECONDARY_UNIT_DESIGNATORS: readonly SecondaryUnitDesignator[] = [
  { name: 'APARTMENT', abbreviation: 'APT', requiresNumber: true },
  { name: 'BASEMENT', abbreviation: 'BSMT', requiresNumber: false },
  { name: 'BUILDING', abbreviation: 'BLDG', requiresNumber: true },
  { name: 'DEPARTMENT', abbreviation: 'DEPT', requiresNumber: true },
  { name: 'FLOOR', abbreviation: 'FL', requiresNumber: true },
  { name: 'FRONT', abbreviation: 'FRNT', requiresNumber: false },
  { name: 'HANGAR', abbreviation: 'HNGR', requiresNumber: true },
  { name: 'KEY', abbreviation: 'KEY', requiresNumber: true },
  { name: 'LOBBY', abbreviation: 'LBBY', requiresNumber: false },
  { name: 'LOT', abbreviation: 'LOT', requiresNumber: true },
  { name: 'LOWER', abbreviation: 'LOWR', requiresNumber: false },
  { name: 'OFFICE', abbreviation: 'OFC', requiresNumber: false },
  { name: 'PENTHOUSE', abbreviation: 'PH', requiresNumber: false },
  { name: 'PIER', abbreviation: 'PIER', requiresNumber: true },
  { name: 'REAR', abbreviation: 'REAR', requiresNumber: false },
  { name: 'ROOM', abbreviation: 'RM', requiresNumber: true },
  { name: 'SIDE', abbreviation: 'SIDE', requiresNumber: false },
  { name: 'SLIP', abbreviation: 'SLIP', requiresNumber: true },
  { name: 'SPACE', abbreviation: 'SPC', requiresNumber: true },
  { name: 'STOP', abbreviation: 'STOP', requiresNumber: true },
  { name: 'SUITE', abbreviation: 'STE', requiresNumber: true },
  { name: 'TRAILER', abbreviation: 'TRLR', requiresNumber: true },
  { name: 'UNIT', abbreviation: 'UNIT', requiresNumber: true },
  { name: 'UPPER', abbreviation: 'UPPR', requiresNumber: false },
];

/**
 * Other spellings of designators seen in typed addresses (not Pub 28): `#`, `NO`/`NUMBER`,
 * `PMB` (private mailbox), `FLAT`, Spanish `APTO`, `UPSTAIRS`/`DOWNSTAIRS`, and sloppy
 * abbreviations. → the Pub 28 abbreviation (or `#`).
 */
const EXTRA_DESIGNATOR_SPELLINGS: ReadonlyArray<readonly [spelling: string, abbreviation: string]> = [
  ['#', '#'],
  ['NO', 'NO'],
  ['NUMBER', 'NO'],
  ['NUM', 'NO'],
  ['NBR', 'NO'],
  ['PMB', 'PMB'],
  ['FLAT', 'FLAT'],
  ['APTO', 'APT'],
  ['APPT', 'APT'],
  ['APART', 'APT'],
  ['SUIT', 'STE'],
  ['STE', 'STE'],
  ['FLR', 'FL'],
  ['BLD', 'BLDG'],
  ['BLDNG', 'BLDG'],
  ['BUILDNG', 'BLDG'],
  ['RM', 'RM'],
  ['SP', 'SPC'],
  ['UPSTAIRS', 'UPPR'],
  ['DOWNSTAIRS', 'LOWR'],
];

export interface DesignatorInfo {
  readonly abbreviation: string;
  readonly requiresNumber: boolean;
}

/** Every designator spelling → Pub 28 abbreviation and whether a number must follow it. */
export const DESIGNATOR_BY_SPELLING: ReadonlyMap<string, DesignatorInfo> = (() => {
  const map = new Map<string, DesignatorInfo>();
  for (const d of SECONDARY_UNIT_DESIGNATORS) {
    const info = { abbreviation: d.abbreviation, requiresNumber: d.requiresNumber };
    map.set(d.name, info);
    map.set(d.abbreviation, info);
  }
  for (const [spelling, abbreviation] of EXTRA_DESIGNATOR_SPELLINGS) {
    if (map.has(spelling)) continue;
    const known = SECONDARY_UNIT_DESIGNATORS.find((d) => d.abbreviation === abbreviation);
    map.set(spelling, { abbreviation, requiresNumber: known?.requiresNumber ?? true });
  }
  return map;
})();
