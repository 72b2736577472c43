import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parseExtract } from './extract.js';
import type { CheckedTable, PriceListInputs } from './generate.js';

/** The saved inputs of the price tables, as committed under data/price-list/. */
export const PRICE_LIST_DIRECTORY = new URL('../../../../data/price-list/', import.meta.url);

export function readPriceListInputs(directory: URL = PRICE_LIST_DIRECTORY): PriceListInputs {
  const json = (path: string): unknown => JSON.parse(readFileSync(new URL(path, directory), 'utf8'));
  const { regions } = json('regions.json') as { regions: string[] };
  const checked = Object.fromEntries(
    filesIn(new URL('checked/', directory), '.json').map((file) => [
      file.slice(0, -'.json'.length),
      json(`checked/${file}`) as CheckedTable,
    ]),
  );
  const extracts = filesIn(new URL('extracts/', directory), '.csv').flatMap((file) =>
    parseExtract(file, readFileSync(new URL(`extracts/${file}`, directory), 'utf8')),
  );
  return { regions, checked, uniform: json('uniform.json') as PriceListInputs['uniform'], extracts };
}

function filesIn(directory: URL, extension: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((file) => file.endsWith(extension))
    .sort();
}
