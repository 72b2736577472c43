import { PRICE_KEYS, type PriceKey } from '../price-table.js';
import { PRICE_LIST_CATALOGUE } from './catalogue.js';
import type { ExtractRow } from './extract.js';

/**
 * Builds the per-region price tables (data/prices/<region>.json) from the saved inputs in data/price-list/:
 * for each price, the AWS Price List extract's figure, else the figure checked by hand for that region,
 * else the figure AWS states is the same in every region, else an explicit `unavailable` with the reason.
 * Offline and deterministic: the same inputs give the same files.
 */

/** A figure as the table files write it. */
export interface RawPrice {
  readonly usd: number;
  readonly unit: string;
  readonly source: string;
  readonly asOf: string;
  readonly note?: string;
}

export interface RawUnavailable {
  readonly unit: string;
  readonly unavailable: string;
}

/** A region's table as written to data/prices/<region>.json (parsed by `parsePriceTable`). */
export interface RawPriceTable {
  readonly region: string;
  readonly note: string;
  readonly prices: Readonly<Record<PriceKey, RawPrice | RawUnavailable>>;
  readonly ec2InstanceHour: Readonly<Record<string, RawPrice>>;
  readonly natWaiver: { readonly text: string; readonly source: string; readonly asOf: string };
}

export interface PriceListInputs {
  readonly regions: readonly string[];
  /** Figures checked by hand, per region, with the sources they were checked against. */
  readonly checked: Readonly<Record<string, CheckedTable>>;
  /** Figures AWS documents as the same in every commercial region. */
  readonly uniform: {
    readonly prices: Partial<Record<PriceKey, RawPrice>>;
    readonly natWaiver: RawPriceTable['natWaiver'];
  };
  readonly extracts: readonly ExtractRow[];
}

export interface CheckedTable {
  readonly note?: string;
  readonly prices: Partial<Record<PriceKey, RawPrice>>;
  readonly ec2InstanceHour?: Readonly<Record<string, RawPrice>>;
}

export interface GeneratedTables {
  readonly tables: readonly RawPriceTable[];
  /** Where a hand-checked figure and the Price List disagree: the Price List's figure is the one kept. */
  readonly disagreements: readonly string[];
}

export const PRICE_LIST_README = 'packages/analyzer/data/price-list/README.md';

export function generatePriceTables(inputs: PriceListInputs): GeneratedTables {
  const disagreements: string[] = [];
  const tables = inputs.regions.map((region): RawPriceTable => {
    const checked = inputs.checked[region];
    const fromExtract = new Map(
      inputs.extracts.filter((row) => row.region === region).map((row) => [row.key, extractedPrice(row)]),
    );
    const counts = { extract: 0, checked: 0, uniform: 0, unavailable: 0 };
    const pick = (key: PriceKey, hand: RawPrice | undefined, same: RawPrice | undefined, unit: string) => {
      const extracted = fromExtract.get(key);
      if (extracted !== undefined && hand !== undefined && hand.usd !== extracted.usd) {
        disagreements.push(
          `${region} ${key}: the Price List says ${extracted.usd}, the hand-checked figure was ${hand.usd}`,
        );
      }
      const chosen = extracted ?? hand ?? same;
      counts[
        chosen === undefined
          ? 'unavailable'
          : chosen === extracted
            ? 'extract'
            : chosen === hand
              ? 'checked'
              : 'uniform'
      ]++;
      return chosen ?? { unit, unavailable: unavailableReason(region) };
    };
    const prices = Object.fromEntries(
      PRICE_KEYS.map((key) => [
        key,
        pick(key, checked?.prices[key], inputs.uniform.prices[key], unitOf(key, checked, inputs)),
      ]),
    ) as Record<PriceKey, RawPrice | RawUnavailable>;
    const instanceTypes = [
      ...new Set([
        ...Object.keys(checked?.ec2InstanceHour ?? {}),
        ...[...fromExtract.keys()].flatMap((key) =>
          key.startsWith('ec2InstanceHour:') ? [key.slice('ec2InstanceHour:'.length)] : [],
        ),
      ]),
    ].sort();
    const ec2InstanceHour = Object.fromEntries(
      instanceTypes.map((type) => [
        type,
        fromExtract.get(`ec2InstanceHour:${type}`) ?? (checked?.ec2InstanceHour?.[type] as RawPrice),
      ]),
    );
    return {
      region,
      note: regionNote(counts, checked?.note),
      prices,
      ec2InstanceHour,
      natWaiver: inputs.uniform.natWaiver,
    };
  });
  return { tables, disagreements };
}

function extractedPrice(row: ExtractRow): RawPrice {
  return {
    usd: Number(row.usd),
    unit: row.unit,
    source: row.sourceUrl,
    asOf: row.published,
    note: `AWS Price List bulk file ${row.offer} version ${row.version}, usage type ${row.usageType}.`,
  };
}

function unitOf(key: PriceKey, checked: CheckedTable | undefined, inputs: PriceListInputs): string {
  return (
    PRICE_LIST_CATALOGUE[key]?.unit ?? checked?.prices[key]?.unit ?? inputs.uniform.prices[key]?.unit ?? key
  );
}

/** The same words for every missing price of a region, so a report can say them once. */
function unavailableReason(region: string): string {
  return `no saved AWS Price List extract covers ${region} and no figure was checked by hand (${PRICE_LIST_README})`;
}

function regionNote(
  counts: { extract: number; checked: number; uniform: number; unavailable: number },
  checkedNote: string | undefined,
): string {
  const summary =
    `Generated by packages/analyzer/scripts/generate-price-tables.ts from data/price-list/: ` +
    `${counts.extract} figures from the saved AWS Price List extract, ${counts.checked} checked by hand, ` +
    `${counts.uniform} that AWS prices the same in every region, ${counts.unavailable} unavailable ` +
    `(priced UNKNOWN, never $0). Tiered prices use their first tier; the Free Tier is not deducted.`;
  return checkedNote === undefined ? summary : `${summary} Hand checks: ${checkedNote}`;
}

/** A table as its file holds it: the generator's output, byte for byte. */
export function renderPriceTable(table: RawPriceTable): string {
  return `${JSON.stringify(table, null, 2)}\n`;
}
