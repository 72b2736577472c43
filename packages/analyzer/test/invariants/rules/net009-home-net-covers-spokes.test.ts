import { describe, expect, it } from 'vitest';
import { net009 } from '../../../src/analyses/invariants/rules/net009-home-net-covers-spokes.js';
import { buildModel, loadAssembly } from '../../../src/index.js';
import { known, unknown } from '../../../src/model/types.js';
import { mutate } from '../../mutations/support/template-edits.js';
import { fixture, modelOf } from '../../trace/read-hops.js';
import { hubModel } from '../support/hub-model.js';
import { passDomain, ruleGroup } from '../support/model-builder.js';

describe('NET009 HOME_NET covers every spoke', () => {
  it('accepts a rule group whose HOME_NET is the container VPC, the only spoke sending internet traffic', () => {
    expect(net009.check(hubModel())).toEqual([]);
  });

  it('accepts a policy-level HOME_NET made of adjacent blocks that cover the spoke', () => {
    const model = hubModel((p) => ({
      allowList: ruleGroup('AllowList', undefined, [passDomain('api.binance.com')]),
      policy: { ...p.policy, homeNet: [known('10.0.0.0/17'), known('10.0.128.0/17')] },
    }));
    expect(net009.check(model)).toEqual([]);
  });

  it('fails the default HOME_NET, which is only the inspection VPC', () => {
    const model = hubModel(() => ({
      allowList: ruleGroup('AllowList', undefined, [passDomain('api.binance.com')]),
    }));
    expect(net009.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET009',
        message:
          'Net/AllowList: HOME_NET (default, the CIDR of Net/EgressVpc: 10.2.0.0/16) does not cover spoke CIDR 10.0.0.0/16, so its rules never match that traffic. Add the spoke CIDRs to HOME_NET.',
      }),
    ]);
  });

  it('fails a rule group HOME_NET that misses the container CIDR even when the policy’s covers it', () => {
    const model = hubModel((p) => ({
      allowList: ruleGroup('AllowList', ['10.2.0.0/16'], [passDomain('api.binance.com')]),
      policy: { ...p.policy, homeNet: [known('10.0.0.0/8')] },
    }));
    expect(net009.check(model).map((finding) => finding.message)).toEqual([
      'Net/AllowList: HOME_NET (set by the rule group: 10.2.0.0/16) does not cover spoke CIDR 10.0.0.0/16, so its rules never match that traffic. Add the spoke CIDRs to HOME_NET.',
    ]);
  });

  it('reports an unresolved HOME_NET as undetermined', () => {
    const model = hubModel((p) => ({
      allowList: { ...p.allowList, ipSets: { HOME_NET: [unknown('Fn::ImportValue HomeNet')] } },
    }));
    expect(net009.check(model)).toEqual([
      expect.objectContaining({
        undetermined: true,
        message:
          'Net/AllowList: cannot check "HOME_NET covers every spoke VPC behind a central firewall": HOME_NET or a spoke CIDR is unresolved (Fn::ImportValue HomeNet)',
      }),
    ]);
  });

  it('accepts a firewall attached to a transit gateway whose policy sets HOME_NET to cover the spokes it inspects', () => {
    expect(net009.check(modelOf('tgw-attached-firewall'))).toEqual([]);
  });

  it('fails a firewall attached to a transit gateway without HOME_NET: its default is the VPC AWS manages for it', () => {
    const model = buildModel(
      mutate(loadAssembly(fixture('tgw-attached-firewall')), (t) => {
        delete (t.properties('FirewallPolicy').FirewallPolicy as { PolicyVariables?: unknown })
          .PolicyVariables;
      }),
    );
    expect(net009.check(model).map((finding) => finding.message)).toEqual([
      'Hub/InspectionRules: HOME_NET (default, the CIDR of the VPC AWS manages for a firewall attached to a transit gateway) does not cover spoke CIDR 10.1.0.0/16, 10.2.0.0/16, so its rules never match that traffic. Add the spoke CIDRs to HOME_NET.',
    ]);
  });
});
