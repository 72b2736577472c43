import { describe, expect, it } from 'vitest';
import { net004 } from '../../../src/analyses/invariants/rules/net004-appliance-mode-on-firewall-attachments.js';
import { modelOf } from '../../trace/read-hops.js';
import { hubModel } from '../support/hub-model.js';

describe('NET004 appliance mode on firewall attachments', () => {
  it('accepts the egress attachment with appliance mode on', () => {
    expect(net004.check(hubModel())).toEqual([]);
  });

  it('fails the egress attachment with appliance mode off', () => {
    const model = hubModel((p) => ({ egressAttachment: { ...p.egressAttachment, applianceMode: false } }));
    expect(net004.check(model)).toEqual([
      {
        ruleId: 'NET004',
        severity: 'error',
        message:
          "Net/EgressAttachment: ApplianceModeSupport is disabled on the attachment of Net/EgressVpc, which holds firewall Net/Firewall: replies may cross another AZ's endpoint and be dropped as asymmetric. Set Options.ApplianceModeSupport to enable.",
        source: { stack: 'Net', logicalId: 'EgressAttachment', type: 'AWS::EC2::TransitGatewayAttachment' },
      },
    ]);
  });

  it('asks nothing of a firewall attached to a transit gateway, whose attachment AWS always runs in appliance mode', () => {
    expect(net004.check(modelOf('tgw-attached-firewall'))).toEqual([]);
  });
});
