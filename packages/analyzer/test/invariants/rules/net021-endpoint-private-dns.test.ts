import { describe, expect, it } from 'vitest';
import { net021 } from '../../../src/analyses/invariants/rules/net021-endpoint-private-dns.js';
import { hubModel } from '../support/hub-model.js';

describe('NET021 endpoint private DNS', () => {
  it('accepts interface endpoints with private DNS', () => {
    expect(net021.check(hubModel())).toEqual([]);
  });

  it('fails an interface endpoint with private DNS off', () => {
    const model = hubModel((p) => ({
      endpoints: p.endpoints.map((endpoint, index) =>
        index === 1 ? { ...endpoint, privateDnsEnabled: false } : endpoint,
      ),
    }));
    expect(net021.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET021',
        message:
          'Net/ecrdkrEndpoint: PrivateDnsEnabled is false on the ecr.dkr endpoint, so clients resolve the public service name and bypass it. Set PrivateDnsEnabled to true.',
      }),
    ]);
  });
});
