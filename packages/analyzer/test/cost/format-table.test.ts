import { describe, expect, it } from 'vitest';
import { estimateCost, formatCostTable } from '../../src/analyses/cost/index.js';
import { known } from '../../src/model/types.js';
import { aModel } from './support/model-builder.js';

describe('formatCostTable', () => {
  it('prints the assumptions, one row per line with its logical ID, and the total in cents', () => {
    const model = aModel().vpc('Vpc').natGateway('Nat', 'VpcSubnet1').build();
    const report = estimateCost(model, {
      region: 'us-east-1',
      hoursPerMonth: 720,
      traffic: { egressPathGbPerMonth: 1000 },
    });
    expect(formatCostTable(report).split('\n')).toEqual([
      'Monthly cost in us-east-1 at 720 h/month, prices as of 2026-11-27',
      'Traffic: 10 GB/month out to the internet (default); 1,000,000 requests/month (default); ' +
        '1,000 GB/month through the egress path; 5 GB/month through interface endpoints (default); ' +
        '1 capacity units per load balancer-hour (default)',
      '',
      'LOGICAL ID  RESOURCE             CHARGE                      QUANTITY                             UNIT PRICE  MONTHLY',
      'Nat         Net/Nat/Resource     NAT gateway                 720 NAT gateway-hour                     $0.045   $32.40',
      'NatEip      Net/NatEip/Resource  1 public IPv4 (Elastic IP)  720 public IPv4 address-hour             $0.005    $3.60',
      '—           (several)            NAT gateway data processed  1,000 GB processed by a NAT gateway      $0.045   $45.00',
      '                                                                                                       TOTAL   $81.00',
      'Sources: https://aws.amazon.com/vpc/pricing/',
      '',
    ]);
  });

  it('says which lines it could not price and that the total is a lower bound', () => {
    const model = aModel().vpc('Vpc').instance('Big', 'VpcSubnet1', known('m5.large')).build();
    const table = formatCostTable(estimateCost(model, { region: 'us-east-1' }));
    expect(table).toContain('TOTAL (incomplete, at least)    $0.00');
    expect(table).toContain(
      'Not priced: Big: no price for m5.large in the us-east-1 table; add it to data/prices/us-east-1.json',
    );
  });
});
