import { describe, expect, it } from 'vitest';
import { net018 } from '../../../src/analyses/invariants/rules/net018-firewall-strict-rule-order.js';
import { hubModel } from '../support/hub-model.js';

describe('NET018 firewall strict rule order', () => {
  it('accepts a STRICT_ORDER policy', () => {
    expect(net018.check(hubModel())).toEqual([]);
  });

  it('fails a DEFAULT_ACTION_ORDER policy', () => {
    const model = hubModel((p) => ({ policy: { ...p.policy, ruleOrder: 'DEFAULT_ACTION_ORDER' } }));
    expect(net018.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET018',
        message:
          'Net/FirewallPolicy: StatefulEngineOptions.RuleOrder is DEFAULT_ACTION_ORDER, so PASS rules override DROP rules and no default drop applies. Set it to STRICT_ORDER.',
      }),
    ]);
  });
});
