import { describe, expect, it } from 'vitest';
import { net019 } from '../../../src/analyses/invariants/rules/net019-stateless-default-forwards.js';
import { hubModel } from '../support/hub-model.js';

describe('NET019 stateless default forwards to the stateful engine', () => {
  it('accepts aws:forward_to_sfe', () => {
    expect(net019.check(hubModel())).toEqual([]);
  });

  it('fails a stateless default action of aws:pass', () => {
    const model = hubModel((p) => ({ policy: { ...p.policy, statelessDefaultActions: ['aws:pass'] } }));
    expect(net019.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET019',
        message:
          'Net/FirewallPolicy: StatelessDefaultActions is ["aws:pass"], so packets skip the stateful rules. Set it to ["aws:forward_to_sfe"].',
      }),
    ]);
  });
});
