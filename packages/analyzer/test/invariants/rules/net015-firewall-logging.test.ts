import { describe, expect, it } from 'vitest';
import { net015 } from '../../../src/analyses/invariants/rules/net015-firewall-logging.js';
import { hubModel } from '../support/hub-model.js';

describe('NET015 firewall logging', () => {
  it('accepts a firewall with alert and flow logs', () => {
    expect(net015.check(hubModel())).toEqual([]);
  });

  it('fails a firewall whose logging configuration was removed', () => {
    const model = hubModel((p) => ({ egressFirewall: { ...p.egressFirewall, logTypes: [] } }));
    expect(net015.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET015',
        message:
          'Net/Firewall: no ALERT or FLOW log destination is configured. Add an AWS::NetworkFirewall::LoggingConfiguration with ALERT and FLOW logs.',
      }),
    ]);
  });
});
