import { decimal, multiply, toDecimalString } from '../decimal.js';
import { PriceTableError } from '../errors.js';
import { PRICE_KEYS } from '../price-table.js';
import {
  instanceSelector,
  PRICE_LIST_CATALOGUE,
  PRICED_INSTANCE_TYPES,
  type PriceListSelector,
} from './catalogue.js';
import { formatCsv, parseCsv } from './csv.js';

/**
 * The saved copy: from a full AWS Price List bulk CSV (one offer, all regions, hundreds of MB), only the
 * rows Moat prices, one per region and price, with where and when AWS published them. Small enough to
 * commit and to read in a review.
 */
export interface ExtractRow {
  /** A `PriceKey`, or `ec2InstanceHour:<type>`. */
  readonly key: string;
  readonly region: string;
  /** USD per Moat's unit (per million requests where the bulk file prices one request). */
  readonly usd: string;
  readonly unit: string;
  readonly offer: string;
  readonly usageType: string;
  /** The offer file's `Version`, such as `20261201000000`. */
  readonly version: string;
  /** The offer file's `Publication Date`, `YYYY-MM-DD`. */
  readonly published: string;
  /** Where the offer file was downloaded from. */
  readonly sourceUrl: string;
}

const EXTRACT_COLUMNS = [
  'key',
  'region',
  'usd',
  'unit',
  'offer',
  'usageType',
  'version',
  'published',
  'sourceUrl',
] as const satisfies readonly (keyof ExtractRow)[];

/** Every selector with the key it fills. */
export function selectors(): [string, PriceListSelector][] {
  return [
    ...PRICE_KEYS.flatMap((key): [string, PriceListSelector][] => {
      const selector = PRICE_LIST_CATALOGUE[key];
      return selector === undefined ? [] : [[key, selector]];
    }),
    ...PRICED_INSTANCE_TYPES.map((type): [string, PriceListSelector] => [
      `ec2InstanceHour:${type}`,
      instanceSelector(type),
    ]),
  ];
}

/** The rows of one bulk CSV offer file (its text) that Moat prices. */
export function extractFromBulkCsv(text: string, sourceUrl: string): ExtractRow[] {
  const rows = parseCsv(text);
  const preamble = new Map(rows.slice(0, 5).map(([name = '', value = '']) => [name, value]));
  const offer = preamble.get('OfferCode');
  const version = preamble.get('Version');
  const published = preamble.get('Publication Date')?.slice(0, 10);
  const [header, ...records] = rows.slice(5);
  if (offer === undefined || version === undefined || published === undefined || header === undefined) {
    throw new PriceTableError(
      sourceUrl,
      'is not an AWS Price List bulk CSV: it needs the FormatVersion, Disclaimer, Publication Date, Version and OfferCode lines, then a header.',
    );
  }
  const column = columnIndex(header);
  const cell = (record: readonly string[], name: string) => record[column.get(normalize(name)) ?? -1] ?? '';
  const extracted: ExtractRow[] = [];
  for (const [key, selector] of selectors()) {
    if (selector.offer !== offer) continue;
    for (const record of records) {
      if (!matches(record, selector, cell)) continue;
      const usd = decimal(cell(record, 'PricePerUnit'));
      extracted.push({
        key,
        region: cell(record, selector.regionColumn ?? 'Region Code'),
        usd: toDecimalString(selector.perMillion ? multiply(usd, decimal(1_000_000)) : usd),
        unit: selector.unit,
        offer,
        usageType: cell(record, 'usageType'),
        version,
        published,
        sourceUrl,
      });
    }
  }
  return extracted.sort((a, b) => a.key.localeCompare(b.key) || a.region.localeCompare(b.region));
}

function matches(
  record: readonly string[],
  selector: PriceListSelector,
  cell: (record: readonly string[], name: string) => string,
): boolean {
  if (cell(record, 'TermType') !== 'OnDemand' || cell(record, 'Currency') !== 'USD') return false;
  if (cell(record, selector.regionColumn ?? 'Region Code') === '') return false;
  const { startingRange, endingRange } = selector.tier ?? {};
  if (startingRange !== undefined && cell(record, 'StartingRange') !== startingRange) return false;
  if (endingRange !== undefined && cell(record, 'EndingRange') !== endingRange) return false;
  return Object.entries(selector.match).every(([name, expected]) => {
    const value = cell(record, name);
    return typeof expected === 'string' ? value === expected : expected.test(value);
  });
}

/** Bulk files name one column differently per offer (`Usage Type`, `usageType`): compare letters and digits only. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function columnIndex(header: readonly string[]): Map<string, number> {
  return new Map(header.map((name, index) => [normalize(name), index]));
}

export function formatExtract(rows: readonly ExtractRow[]): string {
  return formatCsv([EXTRACT_COLUMNS, ...rows.map((row) => EXTRACT_COLUMNS.map((name) => row[name]))]);
}

export function parseExtract(file: string, text: string): ExtractRow[] {
  const [header, ...records] = parseCsv(text).filter((record) => record.some((field) => field !== ''));
  if (header?.join(',') !== EXTRACT_COLUMNS.join(',')) {
    throw new PriceTableError(
      file,
      `the header must be ${EXTRACT_COLUMNS.join(',')}, got ${header?.join(',')}.`,
    );
  }
  return records.map(
    (record) =>
      Object.fromEntries(
        EXTRACT_COLUMNS.map((name, index) => [name, record[index] ?? '']),
      ) as unknown as ExtractRow,
  );
}
