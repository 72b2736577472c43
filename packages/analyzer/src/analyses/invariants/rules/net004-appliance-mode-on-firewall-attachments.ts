import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { type Rule, violation } from '../rule.js';

export const net004: Rule = {
  id: 'NET004',
  title: 'Appliance mode on the transit gateway attachment of a firewall VPC',
  rationale:
    'Without appliance mode a transit gateway picks the destination AZ per direction, so a reply can reach the ' +
    'firewall endpoint of another AZ than its request. Network Firewall is stateful and does not support ' +
    'asymmetric routing: it drops such replies. ' +
    'https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html',
  severity: 'error',
  fix: 'Set Options.ApplianceModeSupport to "enable" on the AWS::EC2::TransitGatewayAttachment of the VPC that holds the firewall.',
  check(model: NetworkModel): readonly Finding[] {
    return model.firewalls.flatMap((firewall) =>
      model.transitGatewayAttachments
        .filter((attachment) => attachment.vpcId === firewall.vpcId && !attachment.applianceMode)
        .map((attachment) =>
          violation(
            net004,
            attachment.source,
            `ApplianceModeSupport is disabled on the attachment of ${firewall.vpcId}, which holds firewall ${firewall.id}: replies may cross another AZ's endpoint and be dropped as asymmetric. Set Options.ApplianceModeSupport to enable.`,
          ),
        ),
    );
  },
};
