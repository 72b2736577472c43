import { describe, expect, it } from 'vitest';
import { formatCsv } from '../../../src/analyses/cost/price-list/csv.js';
import {
  type ExtractRow,
  extractFromBulkCsv,
  formatExtract,
  parseExtract,
} from '../../../src/analyses/cost/price-list/extract.js';

const EC2_OFFER_URL = 'https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/index.csv';

const HEADER = [
  'SKU',
  'TermType',
  'Unit',
  'PricePerUnit',
  'Currency',
  'Product Family',
  'usageType',
  'Region Code',
  'Instance Type',
  'Tenancy',
  'Operating System',
  'Pre Installed S/W',
  'CapacityStatus',
];

/** One price dimension, in HEADER's order; an instance's columns only where given. */
function row(
  term: string,
  usd: string,
  currency: string,
  family: string,
  usageType: string,
  region: string,
  instance: readonly string[] = ['', '', '', '', ''],
): string[] {
  return ['sku', term, 'Hrs', usd, currency, family, usageType, region, ...instance];
}

/**
 * A bulk CSV in the layout AWS documents for offer files (five preamble lines, a header, one row per price
 * dimension and term). The rows are made up for the test; only their shape is AWS's.
 */
function bulkCsv(rows: readonly (readonly string[])[]): string {
  return formatCsv([
    ['FormatVersion', 'v1.0'],
    ['Disclaimer', 'This pricing list is for informational purposes only.'],
    ['Publication Date', '2026-11-30T18:00:00Z'],
    ['Version', '20261130180000'],
    ['OfferCode', 'AmazonEC2'],
    HEADER,
    ...rows,
  ]);
}

describe('extractFromBulkCsv', () => {
  it('keeps the on-demand USD rows of the prices Moat uses, one per region, with the offer file it came from', () => {
    const text = bulkCsv([
      row('OnDemand', '0.0450000000', 'USD', 'NAT Gateway', 'NatGateway-Hours', 'us-east-1'),
      row('OnDemand', '0.0520000000', 'USD', 'NAT Gateway', 'EUC1-NatGateway-Hours', 'eu-central-1'),
      row('OnDemand', '0.0520000000', 'USD', 'NAT Gateway', 'EUC1-NatGateway-Bytes', 'eu-central-1'),
      // Another product whose usage type ends the same way, a reserved term and another currency: all left out.
      row('OnDemand', '0.1000000000', 'USD', 'NAT Gateway', 'EUC1-RegionalNatGateway-Hours', 'eu-central-1'),
      row('Reserved', '0.0300000000', 'USD', 'NAT Gateway', 'EUC1-NatGateway-Hours', 'eu-central-1'),
      row('OnDemand', '0.3000000000', 'CNY', 'NAT Gateway', 'EUC1-NatGateway-Hours', 'eu-central-1'),
      row('OnDemand', '0.0104000000', 'USD', 'Compute Instance', 'BoxUsage:t3.micro', 'us-east-1', [
        't3.micro',
        'Shared',
        'Linux',
        'NA',
        'Used',
      ]),
      row('OnDemand', '0.0200000000', 'USD', 'Compute Instance', 'BoxUsage:t3.micro', 'us-east-1', [
        't3.micro',
        'Shared',
        'Windows',
        'NA',
        'Used',
      ]),
    ]);
    const common = {
      offer: 'AmazonEC2',
      version: '20261130180000',
      published: '2026-11-30',
      sourceUrl: EC2_OFFER_URL,
    };
    expect(extractFromBulkCsv(text, EC2_OFFER_URL)).toEqual([
      {
        key: 'ec2InstanceHour:t3.micro',
        region: 'us-east-1',
        usd: '0.0104',
        unit: 't3.micro instance-hour (Linux, on-demand)',
        usageType: 'BoxUsage:t3.micro',
        ...common,
      },
      {
        key: 'natGatewayGb',
        region: 'eu-central-1',
        usd: '0.052',
        unit: 'GB processed by a NAT gateway',
        usageType: 'EUC1-NatGateway-Bytes',
        ...common,
      },
      {
        key: 'natGatewayHour',
        region: 'eu-central-1',
        usd: '0.052',
        unit: 'NAT gateway-hour',
        usageType: 'EUC1-NatGateway-Hours',
        ...common,
      },
      {
        key: 'natGatewayHour',
        region: 'us-east-1',
        usd: '0.045',
        unit: 'NAT gateway-hour',
        usageType: 'NatGateway-Hours',
        ...common,
      },
    ]);
  });

  it('prices per million where the bulk file prices one request, and keeps only the first tier', () => {
    const text = formatCsv([
      ['FormatVersion', 'v1.0'],
      ['Disclaimer', '-'],
      ['Publication Date', '2026-11-30T18:00:00Z'],
      ['Version', '20261130180000'],
      ['OfferCode', 'AmazonApiGateway'],
      ['TermType', 'StartingRange', 'PricePerUnit', 'Currency', 'Product Family', 'usageType', 'Region Code'],
      ['OnDemand', '0', '0.0000037000', 'USD', 'API Calls', 'EUC1-ApiGatewayRequest', 'eu-central-1'],
      ['OnDemand', '333000000', '0.0000031900', 'USD', 'API Calls', 'EUC1-ApiGatewayRequest', 'eu-central-1'],
    ]);
    expect(extractFromBulkCsv(text, 'https://example.test/api.csv').map((row) => [row.key, row.usd])).toEqual(
      [['apiGatewayRestMillionRequests', '3.7']],
    );
  });

  it('rejects a file that is not a bulk CSV offer file, naming it', () => {
    expect(() => extractFromBulkCsv('"SKU","Price"\n', 'prices.csv')).toThrow(
      'Price table prices.csv: is not an AWS Price List bulk CSV: it needs the FormatVersion, Disclaimer, Publication Date, Version and OfferCode lines, then a header.',
    );
  });
});

describe('the saved extract', () => {
  it('reads back the rows it was written from', () => {
    const row: ExtractRow = {
      key: 'natGatewayHour',
      region: 'eu-central-1',
      usd: '0.052',
      unit: 'NAT gateway-hour',
      offer: 'AmazonEC2',
      usageType: 'EUC1-NatGateway-Hours',
      version: '20261130180000',
      published: '2026-11-30',
      sourceUrl: EC2_OFFER_URL,
    };
    expect(parseExtract('AmazonEC2.csv', formatExtract([row]))).toEqual([row]);
  });

  it('rejects an extract whose header is not the saved layout', () => {
    expect(() => parseExtract('AmazonEC2.csv', '"key","usd"\n')).toThrow(
      'Price table AmazonEC2.csv: the header must be key,region,usd,unit,offer,usageType,version,published,sourceUrl, got key,usd.',
    );
  });
});
