import { describe, expect, it } from 'vitest';
import { net008 } from '../../../src/analyses/invariants/rules/net008-firewall-default-action-drops.js';
import { hubModel } from '../support/hub-model.js';

describe('NET008 firewall default action drops', () => {
  it('accepts a policy whose stateful default is aws:drop_established', () => {
    expect(net008.check(hubModel())).toEqual([]);
  });

  it('fails a policy whose stateful default only alerts', () => {
    const model = hubModel((p) => ({
      policy: { ...p.policy, statefulDefaultActions: ['aws:alert_established'] },
    }));
    expect(net008.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET008',
        message:
          'Net/FirewallPolicy: StatefulDefaultActions is ["aws:alert_established"], so traffic no rule matches is not dropped. Set it to ["aws:drop_established"].',
      }),
    ]);
  });
});
