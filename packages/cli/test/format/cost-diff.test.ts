import { type CostInventory, compareCosts, priceInventory, type Source } from '@moat/analyzer';
import { expect, it } from 'vitest';
import { formatCostDiff } from '../../src/format/cost-diff.js';

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
    formatCostDiff({ before: 'out/steps/6', after: 'out/steps/7' }, after, compareCosts(before, after)).split(
      '\n',
    ),
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
