import { describe, expect, it } from 'vitest';
import { net007 } from '../../../src/analyses/invariants/rules/net007-flow-logs-on-every-vpc.js';
import { hubModel } from '../support/hub-model.js';

describe('NET007 flow logs on every VPC', () => {
  it('accepts VPCs that each have a flow log', () => {
    expect(net007.check(hubModel())).toEqual([]);
  });

  it('fails a VPC without a flow log', () => {
    const model = hubModel((p) => ({ egressVpc: { ...p.egressVpc, flowLogIds: [] } }));
    expect(net007.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET007',
        message:
          'Net/EgressVpc: the VPC has no flow log. Add an AWS::EC2::FlowLog with ResourceType VPC and TrafficType ALL.',
      }),
    ]);
  });
});
