import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { availableRegions, isAvailable, loadPriceTable, PRICE_KEYS } from '../../src/analyses/cost/index.js';
import { generatePriceTables, renderPriceTable } from '../../src/analyses/cost/price-list/generate.js';
import { readPriceListInputs } from '../../src/analyses/cost/price-list/inputs.js';
import { PRICES_DIRECTORY, parsePriceTable } from '../../src/analyses/cost/price-table.js';

const REGIONS = readPriceListInputs().regions;

describe('the price tables', () => {
  it('exist for every commercial region the saved data lists, 35 today, and no other', () => {
    expect(availableRegions()).toEqual([...REGIONS].sort());
    expect(REGIONS).toHaveLength(35);
  });

  it.each(REGIONS)(
    'give %s every price Moat uses: a figure with an AWS source and a date, or the reason there is none',
    (region) => {
      const table = loadPriceTable(region);
      expect(Object.keys(table.prices)).toEqual([...PRICE_KEYS]);
      for (const entry of Object.values(table.prices)) {
        if (isAvailable(entry)) {
          expect(entry.source).toMatch(
            /^https:\/\/(aws\.amazon\.com|docs\.aws\.amazon\.com|pricing\.us-east-1\.amazonaws\.com)\//,
          );
          expect(entry.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        } else {
          expect(entry.unavailable).toContain(region);
        }
      }
    },
  );

  it.each(['us-east-1', 'eu-central-1'])(
    'have a figure for every price in %s, and the t3 instances of step 2',
    (region) => {
      const table = loadPriceTable(region);
      expect(Object.entries(table.prices).filter(([, entry]) => !isAvailable(entry))).toEqual([]);
      expect(Object.keys(table.ec2InstanceHour)).toEqual(['t3.micro', 't3.small']);
    },
  );

  it('are exactly what the generator makes from data/price-list (run "npm run prices -w @moat/analyzer" when this fails)', () => {
    const { tables } = generatePriceTables(readPriceListInputs());
    for (const table of tables) {
      expect(readFileSync(new URL(`${table.region}.json`, PRICES_DIRECTORY), 'utf8'), table.region).toBe(
        renderPriceTable(table),
      );
    }
  });

  it('rejects a figure without a source, naming the file and the field', () => {
    const us = JSON.parse(readFileSync(new URL('us-east-1.json', PRICES_DIRECTORY), 'utf8'));
    delete us.prices.natGatewayHour.source;
    expect(() => parsePriceTable('us-east-1.json', us)).toThrow(
      'Price table us-east-1.json: prices.natGatewayHour.source must be a non-empty string, got undefined.',
    );
  });

  it('rejects a file whose region does not match its name', () => {
    expect(() => parsePriceTable('eu-central-1.json', { region: 'us-east-1' })).toThrow(
      "Price table eu-central-1.json: region 'us-east-1' does not match the file name.",
    );
  });
});
