/**
 * Regenerates data/prices/<region>.json for every commercial region from the saved inputs in
 * data/price-list/, offline. Given AWS Price List bulk CSV files (downloaded elsewhere, from
 * https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<Offer>/current/index.csv), it first saves the
 * rows Moat prices as data/price-list/extracts/<Offer>.csv.
 *
 *   npm run prices -w @moat/analyzer                                   # tables from the saved inputs
 *   npm run prices -w @moat/analyzer -- AmazonVPC.csv https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonVPC/current/index.csv
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extractFromBulkCsv, formatExtract } from '../src/analyses/cost/price-list/extract.js';
import { generatePriceTables, renderPriceTable } from '../src/analyses/cost/price-list/generate.js';
import { PRICE_LIST_DIRECTORY, readPriceListInputs } from '../src/analyses/cost/price-list/inputs.js';
import { PRICES_DIRECTORY } from '../src/analyses/cost/price-table.js';

const args = process.argv.slice(2);
if (args.length % 2 !== 0) {
  process.stderr.write('Give pairs of a bulk CSV file and the URL it was downloaded from.\n');
  process.exit(2);
}
for (let index = 0; index < args.length; index += 2) {
  const [file = '', url = ''] = args.slice(index, index + 2);
  const rows = extractFromBulkCsv(readFileSync(file, 'utf8'), url);
  const offer = rows[0]?.offer ?? 'unknown';
  writeFileSync(new URL(`extracts/${offer}.csv`, PRICE_LIST_DIRECTORY), formatExtract(rows));
  process.stdout.write(`saved ${rows.length} ${offer} rows from ${file}\n`);
}

const { tables, disagreements } = generatePriceTables(readPriceListInputs());
const written = new Set(tables.map((table) => `${table.region}.json`));
for (const stale of readdirSync(PRICES_DIRECTORY).filter(
  (file) => file.endsWith('.json') && !written.has(file),
)) {
  rmSync(new URL(stale, PRICES_DIRECTORY));
}
for (const table of tables) {
  writeFileSync(new URL(`${table.region}.json`, PRICES_DIRECTORY), renderPriceTable(table));
}
for (const line of disagreements) process.stdout.write(`disagreement: ${line}\n`);
process.stdout.write(`wrote ${tables.length} price tables to ${PRICES_DIRECTORY.pathname}\n`);
