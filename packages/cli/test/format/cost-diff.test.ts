import { type CostInventory, compareCosts, priceInventory, type Source } from '@moat/analyzer';
import { expect, it } from 'vitest';
import { costChangeTable, formatCostDiff } from '../../src/format/cost-diff.js';

const source = (logicalId: string, type: string): Source => ({
  stack: 'Net',
  logicalId,
  type,
  constructPath: `Net/${logicalId}/Resource`,
});
const nat = source('Nat', 'AWS::EC2::NatGateway');
const web = source('Web', 'AWS::EC2::Instance');
const old = source('Old', 'AWS::EC2::Instance');
const firewall = source('Firewall', 'AWS::NetworkFirewall::Firewall');

const price = (inventory: CostInventory) =>
  priceInventory(inventory, { region: 'us-east-1', hoursPerMonth: 720 });

it('lists each resource that changed with its subtotals before and after, then its lines added (+), removed (-) and changed (~)', () => {
  const before = price({
    reachesInternet: true,
    items: [
      { kind: 'nat-gateway', source: nat, vpcId: 'Egress' },
      { kind: 'ec2-instance', source: web, instanceType: { known: true, value: 't3.micro' } },
      { kind: 'ec2-instance', source: old, instanceType: { known: true, value: 't3.micro' } },
    ],
  });
  const after = price({
    reachesInternet: true,
    items: [
      { kind: 'nat-gateway', source: nat, vpcId: 'Egress' },
      { kind: 'ec2-instance', source: web, instanceType: { known: true, value: 't3.small' } },
      { kind: 'firewall', source: firewall, vpcId: 'Egress', endpoints: 2 },
    ],
  });
  expect(
    formatCostDiff(
      { before: 'out/steps/6', after: 'out/steps/7' },
      { before, after },
      compareCosts(before, after),
    ).split('\n'),
  ).toEqual([
    'Monthly cost change from out/steps/6 to out/steps/7, in us-east-1 at 720 h/month, prices as of 2026-11-27',
    '',
    '   RESOURCE / CHARGE                                            BEFORE    AFTER    CHANGE',
    '~  Net/Web                                                       $7.49   $14.98    +$7.49',
    '     ~ EC2 t3.small                                              $7.49   $14.98    +$7.49',
    '+  Net/Firewall                                                         $536.50  +$536.50',
    '     + Network Firewall, 2 endpoints                                    $568.80  +$568.80',
    '     + firewall data processed                                            $0.33    +$0.33',
    '     + NAT gateway-hours waived for 1 firewall endpoint                 -$32.40   -$32.40',
    '     + NAT gateway data waived for data the firewall processed           -$0.23    -$0.23',
    '-  Net/Old                                                       $7.49             -$7.49',
    '     - EC2 t3.micro                                              $7.49             -$7.49',
    '   TOTAL                                                        $48.50  $585.00  +$536.50',
    '4 lines added, 1 removed, 1 changed, in 3 resources.',
    '',
  ]);
});

it('lays more columns side by side against the first: = where a column has a line as the first does, UNKNOWN and ≥ where a line cannot be priced', () => {
  const items = {
    nat: { kind: 'nat-gateway', source: nat, vpcId: 'Egress' },
    web: { kind: 'ec2-instance', source: web, instanceType: { known: true, value: 't3.micro' } },
    old: { kind: 'ec2-instance', source: old, instanceType: { known: true, value: 't3.micro' } },
  } as const;
  const base = price({ reachesInternet: true, items: [items.nat, items.web, items.old] });
  const smaller = price({ reachesInternet: true, items: [items.nat, items.web] });
  const unknownType = price({
    reachesInternet: true,
    items: [
      items.nat,
      { ...items.web, instanceType: { known: false, reason: 'a parameter without a value' } },
      items.old,
    ],
  });
  const column = (heading: string, report: typeof base) => ({
    heading,
    changeHeading: `${heading}-A`,
    report,
    delta: compareCosts(base, report),
  });
  const { table, summaries } = costChangeTable({ heading: 'A', report: base }, [
    column('B', smaller),
    column('C', unknownType),
  ]);
  expect(table.split('\n')).toEqual([
    '   RESOURCE / CHARGE              A       B     B-A        C      C-A',
    '-  Net/Old                    $7.49          -$7.49    $7.49        =',
    '     - EC2 t3.micro           $7.49          -$7.49    $7.49        =',
    '~  Net/Web                    $7.49   $7.49       =  UNKNOWN  UNKNOWN',
    '     ~ EC2 instance           $7.49   $7.49       =  UNKNOWN  UNKNOWN',
    '   TOTAL (known lines only)  $48.50  $41.01  -$7.49  ≥$41.01   -$7.49',
  ]);
  expect(summaries).toEqual([
    '0 lines added, 1 removed, 0 changed, in 1 resource.',
    '0 lines added, 0 removed, 1 changed, in 1 resource.',
  ]);
});
