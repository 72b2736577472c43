import { describe, expect, it } from 'vitest';
import { net005 } from '../../../src/analyses/invariants/rules/net005-no-public-ip-on-tasks.js';
import { hubModel } from '../support/hub-model.js';

describe('NET005 no public IP on tasks', () => {
  it('accepts tasks without public IPs', () => {
    expect(net005.check(hubModel())).toEqual([]);
  });

  it('fails a service that assigns public IPs', () => {
    const model = hubModel((p) => ({ service: { ...p.service, assignPublicIp: true } }));
    expect(net005.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET005',
        message:
          'Net/Service: AssignPublicIp is ENABLED, so every task gets a public IPv4 address that bypasses the entry and egress controls. Set it to DISABLED.',
      }),
    ]);
  });
});
