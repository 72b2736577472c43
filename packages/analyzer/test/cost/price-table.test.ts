import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { availableRegions, isAvailable, loadPriceTable } from '../../src/analyses/cost/index.js';
import { parsePriceTable } from '../../src/analyses/cost/price-table.js';

describe('the price tables', () => {
  it('cover at least us-east-1 and eu-central-1', () => {
    expect(availableRegions()).toEqual(expect.arrayContaining(['eu-central-1', 'us-east-1']));
  });

  it.each(availableRegions())('give every figure in %s an AWS source and a check date', (region) => {
    const table = loadPriceTable(region);
    for (const price of [
      ...Object.values(table.prices).filter(isAvailable),
      ...Object.values(table.ec2InstanceHour),
    ]) {
      expect(price.source).toMatch(/^https:\/\/(aws\.amazon\.com|docs\.aws\.amazon\.com)\//);
      expect(price.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(Object.keys(table.ec2InstanceHour)).toEqual(expect.arrayContaining(['t3.micro', 't3.small']));
  });

  it('rejects a figure without a source, naming the file and the field', () => {
    const us = JSON.parse(readFileSync(new URL('../../data/prices/us-east-1.json', import.meta.url), 'utf8'));
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
