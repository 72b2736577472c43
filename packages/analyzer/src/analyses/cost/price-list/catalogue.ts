import type { PriceKey } from '../price-table.js';

/**
 * Which AWS Price List bulk-file rows hold each price Moat uses. A row is kept when it is an on-demand USD
 * price of `offer`, its columns match `match` (exact text, or a pattern), and it is the tier asked for.
 * Columns are named as in the bulk CSV header, compared without case and spaces ("Usage Type" and
 * "usageType" are one column). Service codes, product families and usage-type patterns follow the AWS
 * Price List (https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/price-changes.html), read the
 * way infracost's resource filters read them (github.com/infracost/infracost, internal/resources/aws,
 * Apache-2.0): facts about AWS's data, no code taken.
 */
export interface PriceListSelector {
  readonly offer: string;
  readonly match: Readonly<Record<string, string | RegExp>>;
  /** The column that names the region: `Region Code`, or `From Region Code` for data transfer. */
  readonly regionColumn?: string;
  /** `StartingRange` of the tier Moat prices (the first: 0), or its `EndingRange`. */
  readonly tier?: { readonly startingRange?: string; readonly endingRange?: string };
  /** What one unit is, in the words of Moat's tables. */
  readonly unit: string;
  /** The bulk file prices one request where Moat prices a million: multiply by 10^6. */
  readonly perMillion?: true;
}

/** A usage type with or without its region prefix (`NatGateway-Hours` in us-east-1, `EUC1-NatGateway-Hours`). */
const usage = (suffix: string) => new RegExp(`^(?:[A-Z0-9]+-)?${suffix}$`);

export const PRICE_LIST_CATALOGUE: Readonly<Record<PriceKey, PriceListSelector | undefined>> = {
  natGatewayHour: {
    offer: 'AmazonEC2',
    match: { productFamily: 'NAT Gateway', usageType: usage('NatGateway-Hours') },
    unit: 'NAT gateway-hour',
  },
  natGatewayGb: {
    offer: 'AmazonEC2',
    match: { productFamily: 'NAT Gateway', usageType: usage('NatGateway-Bytes') },
    unit: 'GB processed by a NAT gateway',
  },
  firewallEndpointHour: {
    offer: 'AWSNetworkFirewall',
    match: { productFamily: 'AWS Firewall', usageType: /^[A-Z0-9]*-Endpoint-Hour$/ },
    unit: 'firewall endpoint-hour',
  },
  firewallGb: {
    offer: 'AWSNetworkFirewall',
    match: { productFamily: 'AWS Firewall', usageType: /^[A-Z0-9]*-Traffic-GB-Processed$/ },
    unit: 'GB processed by a firewall endpoint',
  },
  interfaceEndpointAzHour: {
    offer: 'AmazonVPC',
    match: { productFamily: 'VpcEndpoint', usageType: usage('VpcEndpoint-Hours') },
    unit: 'interface endpoint-hour per Availability Zone',
  },
  interfaceEndpointGb: {
    offer: 'AmazonVPC',
    match: { productFamily: 'VpcEndpoint', usageType: usage('VpcEndpoint-Bytes') },
    tier: { startingRange: '0' },
    unit: 'GB processed by interface endpoints (first 1 PB a month)',
  },
  // Free by AWS's documentation, not a Price List row: see data/price-list/uniform.json.
  gatewayEndpointHour: undefined,
  transitGatewayAttachmentHour: {
    offer: 'AmazonVPC',
    match: { usageType: usage('TransitGateway-Hours'), operation: 'TransitGatewayVPC' },
    unit: 'Transit Gateway attachment-hour',
  },
  transitGatewayGb: {
    offer: 'AmazonVPC',
    match: { usageType: usage('TransitGateway-Bytes'), operation: 'TransitGatewayVPC' },
    unit: 'GB sent from a VPC to a Transit Gateway',
  },
  albHour: {
    offer: 'AWSELB',
    match: { productFamily: 'Load Balancer-Application', usageType: usage('LoadBalancerUsage') },
    unit: 'Application Load Balancer-hour',
  },
  albLcuHour: {
    offer: 'AWSELB',
    match: { productFamily: 'Load Balancer-Application', usageType: usage('LCUUsage') },
    unit: 'LCU-hour',
  },
  nlbHour: {
    offer: 'AWSELB',
    match: { productFamily: 'Load Balancer-Network', usageType: usage('LoadBalancerUsage') },
    unit: 'Network Load Balancer-hour',
  },
  nlbNlcuHour: {
    offer: 'AWSELB',
    match: { productFamily: 'Load Balancer-Network', usageType: usage('LCUUsage') },
    unit: 'NLCU-hour',
  },
  fargateVcpuHour: {
    offer: 'AmazonECS',
    match: { productFamily: 'Compute', usageType: usage('Fargate-vCPU-Hours:perCPU') },
    unit: 'Fargate vCPU-hour (Linux/x86)',
  },
  fargateGbHour: {
    offer: 'AmazonECS',
    match: { productFamily: 'Compute', usageType: usage('Fargate-GB-Hours') },
    unit: 'Fargate GB-hour (Linux/x86)',
  },
  publicIpv4Hour: {
    offer: 'AmazonVPC',
    match: { usageType: usage('PublicIPv4:InUseAddress') },
    unit: 'public IPv4 address-hour',
  },
  wafWebAclMonth: {
    offer: 'awswaf',
    match: { productFamily: 'Web Application Firewall', usageType: /^[A-Z0-9]*-WebACLV2$/ },
    unit: 'web ACL-month',
  },
  wafRuleMonth: {
    offer: 'awswaf',
    match: { productFamily: 'Web Application Firewall', usageType: /^[A-Z0-9]*-RuleV2$/ },
    unit: 'rule-month (a rule group counts as one rule)',
  },
  wafMillionRequests: {
    offer: 'awswaf',
    match: { productFamily: 'Web Application Firewall', usageType: /^[A-Z0-9]*-RequestV2-Tier1$/ },
    perMillion: true,
    unit: 'million requests inspected',
  },
  apiGatewayRestMillionRequests: {
    offer: 'AmazonApiGateway',
    match: { productFamily: 'API Calls', usageType: usage('ApiGatewayRequest') },
    tier: { startingRange: '0' },
    perMillion: true,
    unit: 'million REST API requests (first 333 million a month)',
  },
  dataTransferOutGb: {
    offer: 'AWSDataTransfer',
    match: { productFamily: 'Data Transfer', transferType: 'AWS Outbound' },
    regionColumn: 'From Region Code',
    tier: { endingRange: '10240' },
    unit: 'GB out to the internet (first 10 TB a month)',
  },
};

/** On-demand Linux EC2 instance-hours, for the instance types Moat's steps use. */
export function instanceSelector(instanceType: string): PriceListSelector {
  return {
    offer: 'AmazonEC2',
    match: {
      productFamily: 'Compute Instance',
      instanceType,
      tenancy: 'Shared',
      operatingSystem: 'Linux',
      preInstalledSW: 'NA',
      capacityStatus: 'Used',
    },
    unit: `${instanceType} instance-hour (Linux, on-demand)`,
  };
}

export const PRICED_INSTANCE_TYPES = ['t3.micro', 't3.small'] as const;
