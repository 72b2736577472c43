import { describe, expect, it } from 'vitest';
import type { CostInventory } from '../../src/analyses/cost/index.js';
import { priceInventory } from '../../src/analyses/cost/index.js';
import { known } from '../../src/model/types.js';
import { source } from './support/model-builder.js';

/**
 * The guide's closing cost paragraph: 2 NAT gateways and a firewall with an endpoint in each of 2 subnets in
 * the Egress VPC, 8 VPC endpoint-AZs, 3 Transit Gateway attachments. SPEC.md fixes the figures at 720 h.
 */
const guideInventory: CostInventory = {
  reachesInternet: true,
  items: [
    { kind: 'nat-gateway', source: source('NatGatewayA', 'AWS::EC2::NatGateway'), vpcId: 'Net/EgressVpc' },
    { kind: 'nat-gateway', source: source('NatGatewayB', 'AWS::EC2::NatGateway'), vpcId: 'Net/EgressVpc' },
    {
      kind: 'firewall',
      source: source('EgressFirewall', 'AWS::NetworkFirewall::Firewall'),
      vpcId: 'Net/EgressVpc',
      endpoints: 2,
    },
    ...['EcrApi', 'EcrDkr', 'Ecs', 'Logs'].map((name) => ({
      kind: 'interface-endpoint' as const,
      source: source(`${name}Endpoint`, 'AWS::EC2::VPCEndpoint'),
      service: known(name.toLowerCase()),
      availabilityZones: 2,
    })),
    ...['Container', 'Ingress', 'Egress'].map((name) => ({
      kind: 'transit-gateway-attachment' as const,
      source: source(`${name}Attachment`, 'AWS::EC2::TransitGatewayAttachment'),
    })),
  ],
};

describe("the guide's cost table", () => {
  const report = priceInventory(guideInventory, { region: 'us-east-1', hoursPerMonth: 720 });
  const subtotal = (charge: string) => report.subtotals.find((line) => line.charge === charge)?.monthlyUsd;

  it('prices 2 NAT gateways × $0.045 at exactly $64.80', () => {
    expect(subtotal('natGatewayHour')).toBe('64.80');
    expect(report.lines.filter((line) => line.charge === 'natGatewayHour')).toEqual([
      expect.objectContaining({ quantity: known('720'), unitPriceUsd: '0.045', monthlyUsd: known('32.40') }),
      expect.objectContaining({ quantity: known('720'), unitPriceUsd: '0.045', monthlyUsd: known('32.40') }),
    ]);
  });

  it('prices 2 firewall endpoints × $0.395 at exactly $568.80', () => {
    expect(subtotal('firewallEndpointHour')).toBe('568.80');
  });

  it('prices 8 endpoint-AZs × $0.01 at exactly $57.60', () => {
    expect(subtotal('interfaceEndpointAzHour')).toBe('57.60');
    expect(report.lines.filter((line) => line.charge === 'interfaceEndpointAzHour')).toHaveLength(4);
  });

  it('prices 3 Transit Gateway attachments × $0.05 at exactly $108.00', () => {
    expect(subtotal('transitGatewayAttachmentHour')).toBe('108.00');
  });

  it('shows the NAT gateway-hours that AWS waives for the firewall as a negative line of its own', () => {
    expect(
      report.lines.filter((line) => line.category === 'waiver').map((line) => [line.charge, line.monthlyUsd]),
    ).toEqual([
      ['natGatewayHourWaiver', known('-64.80')],
      ['natGatewayGbWaiver', known('-0.225')],
    ]);
    expect(report.waiverRule?.text).toMatch(
      /^If you choose to create a NAT gateway .* waived on a one-to-one basis/,
    );
  });
});
