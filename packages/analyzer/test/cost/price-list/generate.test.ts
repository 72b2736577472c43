import { describe, expect, it } from 'vitest';
import type { ExtractRow } from '../../../src/analyses/cost/price-list/extract.js';
import { generatePriceTables, type RawPrice } from '../../../src/analyses/cost/price-list/generate.js';
import { parsePriceTable } from '../../../src/analyses/cost/price-table.js';

const checkedNat: RawPrice = {
  usd: 0.052,
  unit: 'NAT gateway-hour',
  source: 'https://aws.amazon.com/vpc/pricing/',
  asOf: '2026-11-27',
  note: 'Checked against a Cost and Usage Report excerpt.',
};
const gatewayEndpoint: RawPrice = {
  usd: 0,
  unit: 'gateway endpoint-hour',
  source: 'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html',
  asOf: '2026-11-27',
};
const natWaiver = {
  text: 'waived',
  source: 'https://docs.aws.amazon.com/whitepapers/x.html',
  asOf: '2026-11-27',
};

const extracted = (region: string, key: string, usd: string): ExtractRow => ({
  key,
  region,
  usd,
  unit: key === 'natGatewayHour' ? 'NAT gateway-hour' : 't3.micro instance-hour (Linux, on-demand)',
  offer: 'AmazonEC2',
  usageType: `${region === 'us-east-1' ? '' : 'X-'}NatGateway-Hours`,
  version: '20261130180000',
  published: '2026-11-30',
  sourceUrl: 'https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/index.csv',
});

const generate = (extracts: readonly ExtractRow[]) =>
  generatePriceTables({
    regions: ['eu-central-1', 'ap-southeast-2'],
    checked: { 'eu-central-1': { prices: { natGatewayHour: checkedNat } } },
    uniform: { prices: { gatewayEndpointHour: gatewayEndpoint }, natWaiver },
    extracts,
  });

describe('generatePriceTables', () => {
  it('takes each price from the Price List extract, else the hand-checked figure, else the same-everywhere one, else marks it unavailable', () => {
    const { tables, disagreements } = generate([extracted('ap-southeast-2', 'natGatewayHour', '0.059')]);
    const [frankfurt, sydney] = tables;
    expect(frankfurt?.prices.natGatewayHour).toEqual(checkedNat);
    expect(sydney?.prices.natGatewayHour).toEqual({
      usd: 0.059,
      unit: 'NAT gateway-hour',
      source: 'https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/index.csv',
      asOf: '2026-11-30',
      note: 'AWS Price List bulk file AmazonEC2 version 20261130180000, usage type X-NatGateway-Hours.',
    });
    expect(sydney?.prices.gatewayEndpointHour).toEqual(gatewayEndpoint);
    expect(sydney?.prices.firewallEndpointHour).toEqual({
      unit: 'firewall endpoint-hour',
      unavailable:
        'no saved AWS Price List extract covers ap-southeast-2 and no figure was checked by hand (packages/analyzer/data/price-list/README.md)',
    });
    expect(sydney?.note).toMatch(
      /: 1 figures from the saved AWS Price List extract, 0 checked by hand, 1 that AWS prices the same in every region, 19 unavailable /,
    );
    expect(disagreements).toEqual([]);
  });

  it('prefers the Price List to a hand-checked figure and reports where they disagree', () => {
    const { tables, disagreements } = generate([extracted('eu-central-1', 'natGatewayHour', '0.054')]);
    expect(tables[0]?.prices.natGatewayHour).toMatchObject({ usd: 0.054 });
    expect(disagreements).toEqual([
      'eu-central-1 natGatewayHour: the Price List says 0.054, the hand-checked figure was 0.052',
    ]);
  });

  it('writes tables the price table parser accepts, instance prices included', () => {
    const { tables } = generate([extracted('ap-southeast-2', 'ec2InstanceHour:t3.micro', '0.0132')]);
    const sydney = parsePriceTable('ap-southeast-2.json', tables[1]);
    expect(Object.keys(sydney.ec2InstanceHour)).toEqual(['t3.micro']);
    expect(sydney.natWaiver).toEqual(natWaiver);
  });
});
