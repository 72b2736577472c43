import { readdirSync, readFileSync } from 'node:fs';
import { type Decimal, decimal } from './decimal.js';
import { PriceTableError, UnknownRegionError } from './errors.js';

/**
 * The dated price tables in `packages/analyzer/data/prices/<region>.json`. Prices are data, not code:
 * a region is added by adding a file, and every figure carries the page it was read from and when.
 */

export const PRICE_KEYS = [
  'natGatewayHour',
  'natGatewayGb',
  'firewallEndpointHour',
  'firewallGb',
  'interfaceEndpointAzHour',
  'interfaceEndpointGb',
  'gatewayEndpointHour',
  'transitGatewayAttachmentHour',
  'transitGatewayGb',
  'albHour',
  'albLcuHour',
  'nlbHour',
  'nlbNlcuHour',
  'fargateVcpuHour',
  'fargateGbHour',
  'publicIpv4Hour',
  'wafWebAclMonth',
  'wafRuleMonth',
  'wafMillionRequests',
  'apiGatewayRestMillionRequests',
  'dataTransferOutGb',
] as const;

export type PriceKey = (typeof PRICE_KEYS)[number];

export interface Price {
  readonly usd: Decimal;
  /** What one unit is, such as `NAT gateway-hour` or `GB processed`. */
  readonly unit: string;
  /** The AWS pricing page the figure is published on. */
  readonly source: string;
  /** The date the figure was checked, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** How the figure was checked, or why it could not be. */
  readonly note?: string;
}

/**
 * A price Moat has no verified figure for in this region: the line is priced UNKNOWN with this reason,
 * never at $0 and never with another region's figure.
 */
export interface UnavailablePrice {
  readonly unit: string;
  /** Why there is no figure, such as the saved Price List extract not covering the region. */
  readonly unavailable: string;
}

export type PriceEntry = Price | UnavailablePrice;

export function isAvailable(entry: PriceEntry): entry is Price {
  return !('unavailable' in entry);
}

/** AWS waives NAT gateway charges for traffic that Network Firewall already charges for. */
export interface NatWaiverRule {
  readonly text: string;
  readonly source: string;
  readonly asOf: string;
}

export interface PriceTable {
  readonly region: string;
  readonly note?: string;
  /** Every key Moat prices, each with a figure or the reason it has none. */
  readonly prices: Readonly<Record<PriceKey, PriceEntry>>;
  /** On-demand Linux price per instance type. */
  readonly ec2InstanceHour: Readonly<Record<string, Price>>;
  readonly natWaiver: NatWaiverRule;
}

export const PRICES_DIRECTORY = new URL('../../../data/prices/', import.meta.url);

export function availableRegions(): readonly string[] {
  return readdirSync(PRICES_DIRECTORY)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

export function loadPriceTable(region: string): PriceTable {
  const regions = availableRegions();
  if (!regions.includes(region)) throw new UnknownRegionError(region, regions);
  const file = `${region}.json`;
  return parsePriceTable(file, JSON.parse(readFileSync(new URL(file, PRICES_DIRECTORY), 'utf8')));
}

/** The parsing boundary: the JSON becomes a typed table once, or fails naming the file and the field. */
export function parsePriceTable(file: string, raw: unknown): PriceTable {
  const table = record(file, 'the file', raw);
  const region = text(file, 'region', table.region);
  if (`${region}.json` !== file)
    throw new PriceTableError(file, `region '${region}' does not match the file name.`);
  const prices = record(file, 'prices', table.prices);
  const instances = record(file, 'ec2InstanceHour', table.ec2InstanceHour);
  const waiver = record(file, 'natWaiver', table.natWaiver);
  const parsed: PriceTable = {
    region,
    prices: Object.fromEntries(
      PRICE_KEYS.map((key) => [key, parseEntry(file, `prices.${key}`, prices[key])]),
    ) as Record<PriceKey, PriceEntry>,
    ec2InstanceHour: Object.fromEntries(
      Object.entries(instances).map(([type, price]) => [
        type,
        parsePrice(file, `ec2InstanceHour.${type}`, price),
      ]),
    ),
    natWaiver: {
      text: text(file, 'natWaiver.text', waiver.text),
      source: url(file, 'natWaiver.source', waiver.source),
      asOf: date(file, 'natWaiver.asOf', waiver.asOf),
    },
  };
  return table.note === undefined ? parsed : { ...parsed, note: text(file, 'note', table.note) };
}

function parseEntry(file: string, path: string, raw: unknown): PriceEntry {
  const entry = record(file, path, raw);
  if (entry.unavailable === undefined) return parsePrice(file, path, raw);
  return {
    unit: text(file, `${path}.unit`, entry.unit),
    unavailable: text(file, `${path}.unavailable`, entry.unavailable),
  };
}

function parsePrice(file: string, path: string, raw: unknown): Price {
  const entry = record(file, path, raw);
  if (typeof entry.usd !== 'number' || !(entry.usd >= 0)) {
    throw new PriceTableError(
      file,
      `${path}.usd must be a non-negative number, got ${JSON.stringify(entry.usd)}.`,
    );
  }
  const price: Price = {
    usd: decimal(entry.usd),
    unit: text(file, `${path}.unit`, entry.unit),
    source: url(file, `${path}.source`, entry.source),
    asOf: date(file, `${path}.asOf`, entry.asOf),
  };
  return entry.note === undefined ? price : { ...price, note: text(file, `${path}.note`, entry.note) };
}

function record(file: string, path: string, raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new PriceTableError(file, `${path} must be an object, got ${JSON.stringify(raw)}.`);
  }
  return raw as Record<string, unknown>;
}

function text(file: string, path: string, raw: unknown): string {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new PriceTableError(file, `${path} must be a non-empty string, got ${JSON.stringify(raw)}.`);
  }
  return raw;
}

function url(file: string, path: string, raw: unknown): string {
  const value = text(file, path, raw);
  if (!value.startsWith('https://'))
    throw new PriceTableError(file, `${path} must be an https URL, got '${value}'.`);
  return value;
}

function date(file: string, path: string, raw: unknown): string {
  const value = text(file, path, raw);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new PriceTableError(file, `${path} must be a date YYYY-MM-DD, got '${value}'.`);
  }
  return value;
}
