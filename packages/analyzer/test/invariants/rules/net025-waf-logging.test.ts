import { describe, expect, it } from 'vitest';
import { net025 } from '../../../src/analyses/invariants/rules/net025-waf-logging.js';
import { hubModel } from '../support/hub-model.js';

describe('NET025 WAF logging', () => {
  it('accepts a web ACL with logging', () => {
    expect(net025.check(hubModel())).toEqual([]);
  });

  it('fails a web ACL without logging', () => {
    const model = hubModel((p) => ({ acl: { ...p.acl, logging: false } }));
    expect(net025.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET025',
        message:
          'Net/WebAcl: the web ACL has no logging configuration. Add an AWS::WAFv2::LoggingConfiguration.',
      }),
    ]);
  });
});
