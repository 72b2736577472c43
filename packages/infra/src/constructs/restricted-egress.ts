import { type IAspect, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { IConstruct } from 'constructs';

/**
 * The inline egress rule that matches no traffic (ICMP type 252 code 86 to 255.255.255.255/32), the same one the
 * CDK writes for a group created with `allowAllOutbound: false` and no egress rule of its own.
 */
export const NO_TRAFFIC_EGRESS: ec2.CfnSecurityGroup.EgressProperty = {
  cidrIp: '255.255.255.255/32',
  description: 'Disallow all traffic',
  ipProtocol: 'icmp',
  fromPort: 252,
  toPort: 86,
};

/**
 * Keeps every security group of a stack from falling back to EC2's default allow-all egress.
 *
 * EC2 gives a new VPC security group the rule "all traffic to 0.0.0.0/0" and removes it only when the group
 * is created with inline egress rules; separate `AWS::EC2::SecurityGroupEgress` resources add to it
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html,
 * SecurityGroupEgress: "When you specify a VPC security group, Amazon EC2 creates a default egress rule that
 * allows egress traffic on all ports and IP protocols to any location. The default rule is removed only when
 * you specify one or more egress rules."). The CDK writes a rule towards another security group as such a
 * separate resource and, on the first one, drops the inline placeholder of an `allowAllOutbound: false`
 * group, so a load balancer whose only egress is "to the tasks' group" would keep the world-open default.
 * This aspect puts the no-traffic placeholder back into every group left without inline egress, so its
 * egress is exactly its separate rules.
 */
export class RestrictedEgress implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof ec2.CfnSecurityGroup)) return;
    const inline: unknown = Stack.of(node).resolve(node.securityGroupEgress);
    if (inline === undefined || (Array.isArray(inline) && inline.length === 0)) {
      node.securityGroupEgress = [NO_TRAFFIC_EGRESS];
    }
  }
}
