import { describe, expect, it } from 'vitest';
import { net024 } from '../../../src/analyses/invariants/rules/net024-nlb-has-security-groups.js';
import { hubModel } from '../support/hub-model.js';

describe('NET024 NLB has security groups', () => {
  it('accepts an NLB created with a security group', () => {
    expect(net024.check(hubModel())).toEqual([]);
  });

  it('fails an NLB without security groups', () => {
    const model = hubModel((p) => ({ nlb: { ...p.nlb, securityGroupIds: [] } }));
    expect(net024.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET024',
        severity: 'warning',
        message:
          'Net/Nlb: the network load balancer has no SecurityGroups and cannot get any after creation. Recreate it with a security group.',
      }),
    ]);
  });
});
