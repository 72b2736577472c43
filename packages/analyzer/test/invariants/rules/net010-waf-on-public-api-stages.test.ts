import { describe, expect, it } from 'vitest';
import { net010 } from '../../../src/analyses/invariants/rules/net010-waf-on-public-api-stages.js';
import { hubModel } from '../support/hub-model.js';

describe('NET010 WAF on public API stages', () => {
  it('accepts a regional stage associated with a web ACL', () => {
    expect(net010.check(hubModel())).toEqual([]);
  });

  it('accepts a private API without a web ACL', () => {
    const model = hubModel((p) => ({
      api: { ...p.api, endpointType: 'PRIVATE' },
      acl: { ...p.acl, associatedIds: [] },
    }));
    expect(net010.check(model)).toEqual([]);
  });

  it('fails a regional stage whose WAF association was removed', () => {
    const model = hubModel((p) => ({ acl: { ...p.acl, associatedIds: [] } }));
    expect(net010.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET010',
        severity: 'warning',
        message:
          "Net/ApiStage: stage 'prod' of REGIONAL REST API Net/Api has no WAF web ACL. Associate a REGIONAL AWS::WAFv2::WebACL with the stage.",
      }),
    ]);
  });
});
