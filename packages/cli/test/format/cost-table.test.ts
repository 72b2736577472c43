import { type CostInventory, known, priceInventory, type Source } from '@moat/analyzer';
import { describe, expect, it } from 'vitest';
import { formatCostTable } from '../../src/format/cost-table.js';

const source = (logicalId: string, type: string, constructPath?: string): Source => ({
  stack: 'Net',
  logicalId,
  type,
  ...(constructPath === undefined ? {} : { constructPath }),
});

const nat = source('NatGatewayA', 'AWS::EC2::NatGateway', 'Net/EgressVpc/PublicSubnet1/NATGateway');
const natIp = source('NatEipA', 'AWS::EC2::EIP', 'Net/EgressVpc/PublicSubnet1/EIP');

/** A NAT gateway, its Elastic IP and data out to the internet: the smallest bill with every kind of line. */
const egress: CostInventory = {
  reachesInternet: true,
  items: [
    { kind: 'nat-gateway', source: nat, vpcId: 'Net/EgressVpc' },
    { kind: 'public-ipv4', source: natIp, addresses: 1, why: 'Elastic IP' },
  ],
};

const priced = (inventory: CostInventory) =>
  priceInventory(inventory, {
    region: 'us-east-1',
    hoursPerMonth: 720,
    usage: { kinds: { natGateway: { monthlyDataProcessedGb: 1000 } } },
  });

describe('formatCostTable', () => {
  it('groups the lines per resource with its subtotal, marks where each usage figure came from, and totals in cents', () => {
    expect(formatCostTable(priced(egress)).split('\n')).toEqual([
      'Monthly cost in us-east-1 at 720 h/month, prices as of 2026-11-27',
      'Usage figures: 1 from the usage profile (marked profile), 1 Moat default (marked default); set them in cost.usage or',
      '  with --usage FILE (docs/cost.md).',
      '',
      'RESOURCE / CHARGE                    QUANTITY            UNIT PRICE  MONTHLY',
      'Net/EgressVpc/PublicSubnet1/NATGateway                                $77.40',
      '  NAT gateway                        720 h                   $0.045   $32.40',
      '  NAT gateway data processed         1,000 GB (profile)      $0.045   $45.00',
      'Net/EgressVpc/PublicSubnet1/EIP                                        $3.60',
      '  1 public IPv4 (Elastic IP)         720 IP-h                $0.005    $3.60',
      'account (data transfer out)                                            $0.90',
      '  data transfer out to the internet  10 GB (default)          $0.09    $0.90',
      '                                                              TOTAL   $81.90',
      'Sources: 2 AWS pages; --wide lists them and where each usage figure came from, --json has it all.',
      '',
    ]);
  });

  it('shows logical IDs, full units, the profile path of each usage figure and every source with --wide', () => {
    const lines = formatCostTable(priced(egress), { wide: true }).split('\n');
    expect(lines.slice(3, 7)).toEqual([
      'LOGICAL ID   RESOURCE / CHARGE                    QUANTITY                                         UNIT PRICE  MONTHLY  USAGE FIGURE',
      'NatGatewayA  Net/EgressVpc/PublicSubnet1/NATGateway                                                             $77.40',
      '               NAT gateway                        720 NAT gateway-hour                                 $0.045   $32.40',
      '               NAT gateway data processed         1,000 GB processed by a NAT gateway                  $0.045   $45.00  profile kinds.natGateway.monthlyDataProcessedGb',
    ]);
    expect(lines[10]).toBe(
      '               data transfer out to the internet  10 GB out to the internet (first 10 TB a month)       $0.09    $0.90  default',
    );
    expect(lines).toContain(
      'Sources: https://aws.amazon.com/ec2/pricing/on-demand/ https://aws.amazon.com/vpc/pricing/',
    );
  });

  it('fits 120 columns, shortening a long resource name from the left, and keeps it whole with --wide', () => {
    const deep = source(
      'Deep',
      'AWS::EC2::NatGateway',
      'MoatNetwork/AVeryLongConstructNameThatKeepsGoing/AndAnotherLevelOfNesting/AndYetAnotherLevelOfNestingHere/NATGateway',
    );
    const report = priced({
      reachesInternet: false,
      items: [{ kind: 'nat-gateway', source: deep, vpcId: 'Vpc' }],
    });
    const narrow = formatCostTable(report).split('\n');
    expect(Math.max(...narrow.map((line) => line.length))).toBeLessThanOrEqual(120);
    expect(narrow[4]).toBe(
      '…twork/AVeryLongConstructNameThatKeepsGoing/AndAnotherLevelOfNesting/AndYetAnotherLevelOfNestingHere/NATGateway   $77.40',
    );
    expect(formatCostTable(report, { wide: true })).toContain(deep.constructPath);
  });

  it('says which lines it could not price, and that subtotals and the total are lower bounds, never $0', () => {
    const web = source('Web', 'AWS::EC2::Instance');
    const report = priced({
      reachesInternet: false,
      items: [
        { kind: 'ec2-instance', source: web, instanceType: known('m5.large') },
        { kind: 'public-ipv4', source: web, addresses: 1, why: 'instance public IP' },
      ],
    });
    const lines = formatCostTable(report).split('\n');
    expect(lines.slice(2, 7)).toEqual([
      'RESOURCE / CHARGE                     QUANTITY  UNIT PRICE  MONTHLY',
      'Net/Web                                                      ≥$3.60',
      '  EC2 m5.large                        unknown            —  UNKNOWN',
      '  1 public IPv4 (instance public IP)  720 IP-h      $0.005    $3.60',
      '                              TOTAL (incomplete, at least)    $3.60',
    ]);
    expect(lines.slice(7, 9)).toEqual([
      'Not priced: no price for m5.large in the us-east-1 table (packages/analyzer/data/price-list/README.md says how to add',
      '  one) (Web).',
    ]);
  });
});
