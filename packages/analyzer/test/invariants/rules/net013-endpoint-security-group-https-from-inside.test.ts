import { describe, expect, it } from 'vitest';
import { net013 } from '../../../src/analyses/invariants/rules/net013-endpoint-security-group-https-from-inside.js';
import { hubModel } from '../support/hub-model.js';
import { ingressRule, securityGroup } from '../support/model-builder.js';

describe('NET013 endpoint security groups allow HTTPS from inside', () => {
  it('accepts 443 from the VPC CIDR', () => {
    expect(net013.check(hubModel())).toEqual([]);
  });

  it('fails an endpoint security group open to the world on every port', () => {
    const model = hubModel((p) => ({
      endpoints: p.endpoints.slice(0, 1),
      endpointSg: securityGroup('EndpointSg', p.containerVpc, [
        { ...ingressRule(0, '0.0.0.0/0'), protocol: 'all', toPort: 65535 },
      ]),
    }));
    expect(net013.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET013',
        severity: 'warning',
        message:
          "Net/EndpointSg: the security group of Net/ecrapiEndpoint allows all traffic and source 0.0.0.0/0 outside the VPC. Allow only tcp 443 from the VPC CIDR or the clients' security groups.",
      }),
    ]);
  });
});
