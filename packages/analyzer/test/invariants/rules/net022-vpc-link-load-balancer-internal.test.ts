import { describe, expect, it } from 'vitest';
import { net022 } from '../../../src/analyses/invariants/rules/net022-vpc-link-load-balancer-internal.js';
import { hubModel } from '../support/hub-model.js';

describe('NET022 VPC link load balancer internal', () => {
  it('accepts an internal ALB behind the API', () => {
    expect(net022.check(hubModel())).toEqual([]);
  });

  it('fails an internet-facing ALB behind the API', () => {
    const model = hubModel((p) => ({ alb: { ...p.alb, scheme: 'internet-facing' } }));
    expect(net022.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET022',
        message:
          "Net/Alb: the load balancer is internet-facing but serves an API through a VPC link, so clients can skip the API's throttling and WAF. Set Scheme to internal.",
      }),
    ]);
  });
});
