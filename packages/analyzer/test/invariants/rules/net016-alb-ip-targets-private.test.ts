import { describe, expect, it } from 'vitest';
import { net016 } from '../../../src/analyses/invariants/rules/net016-alb-ip-targets-private.js';
import { known } from '../../../src/model/types.js';
import { hubModel } from '../support/hub-model.js';

describe('NET016 ALB IP targets private', () => {
  it('accepts the NLB addresses of another VPC registered with AZ all', () => {
    expect(net016.check(hubModel())).toEqual([]);
  });

  it('fails a public IP target and a target outside the VPC pinned to one AZ', () => {
    const model = hubModel((p) => ({
      nlbTargets: {
        ...p.nlbTargets,
        targets: [
          { address: known('52.29.1.1'), availabilityZone: 'all' },
          { address: known('10.0.1.10'), availabilityZone: 'eu-central-1b' },
        ],
      },
    }));
    expect(net016.check(model).map((finding) => finding.message)).toEqual([
      'Net/NlbTargets: IP target 52.29.1.1 is not in RFC 1918 or 100.64.0.0/10, so the load balancer cannot register it. Target a private address.',
      'Net/NlbTargets: IP target 10.0.1.10 is outside the target group\'s VPC but its AvailabilityZone is eu-central-1b. Set AvailabilityZone to "all".',
    ]);
  });
});
