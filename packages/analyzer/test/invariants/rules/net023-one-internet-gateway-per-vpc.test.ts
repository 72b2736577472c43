import { describe, expect, it } from 'vitest';
import { net023 } from '../../../src/analyses/invariants/rules/net023-one-internet-gateway-per-vpc.js';
import { hubModel } from '../support/hub-model.js';
import { internetGateway, model } from '../support/model-builder.js';

describe('NET023 one internet gateway per VPC', () => {
  it('accepts one internet gateway', () => {
    expect(net023.check(hubModel())).toEqual([]);
  });

  it('fails a second internet gateway attached to the egress VPC', () => {
    const hub = hubModel();
    const egressVpc = hub.vpcs[2];
    if (egressVpc === undefined) throw new Error('the hub has an egress VPC');
    const twoGateways = model({
      ...hub,
      internetGateways: [...hub.internetGateways, internetGateway('SecondIgw', egressVpc)],
    });
    expect(net023.check(twoGateways)).toEqual([
      expect.objectContaining({
        ruleId: 'NET023',
        message:
          'Net/SecondIgw: a second internet gateway is attached to Net/EgressVpc, which AWS rejects. Remove it and its VPCGatewayAttachment.',
      }),
    ]);
  });
});
