import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { EgressDomainRule, EgressIpRule } from './firewall-rules.js';

/** One egress rule of the tasks' security group: where, which protocol and port, and why. */
export interface TaskEgressRule {
  readonly cidr: string;
  readonly port: ec2.Port;
  readonly description: string;
}

const ANYWHERE = '0.0.0.0/0';
const HTTPS_PORT = 443;

/**
 * What the tasks may send, derived from the egress rules of the config so that every flow the firewall is
 * meant to judge (step 7 on) reaches it, and nothing else leaves:
 * - TCP 443 to anywhere, always: the AWS services the tasks need (ECR api and dkr, CloudWatch Logs, S3) are
 *   reached on 443, through the NAT gateways in steps 4–5 and through the VPC endpoints from step 6 (the S3
 *   gateway endpoint carries traffic to S3's public addresses, whose regional prefix list id Moat cannot know
 *   offline), and the domains on 443 are matched by TLS SNI at the firewall, whatever their addresses;
 * - TCP on the port of every other domain rule (80: HTTP Host), to anywhere, for the same reason;
 * - each IP rule's protocol and port to its destination, PASS and DROP alike: a DROP rule is only tested if the
 *   flow reaches the firewall, as in the guide's step-7 test.
 * DNS needs no rule: security groups do not filter traffic to the VPC's Route 53 Resolver
 * (https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html, "Amazon DNS server").
 */
export function taskEgressRules(
  domains: readonly EgressDomainRule[],
  ipRules: readonly EgressIpRule[],
): TaskEgressRule[] {
  const domainPorts = [...new Set(domains.map((rule) => rule.port))].filter((port) => port !== HTTPS_PORT);
  const rules: TaskEgressRule[] = [
    {
      cidr: ANYWHERE,
      port: ec2.Port.tcp(HTTPS_PORT),
      description: 'HTTPS: the egress domains (TLS SNI at the firewall) and the AWS services',
    },
    ...domainPorts.map((port) => ({
      cidr: ANYWHERE,
      port: ec2.Port.tcp(port),
      description: `the egress domains on port ${port}`,
    })),
    ...ipRules.map((rule) => ({
      cidr: rule.destination,
      port: rule.protocol === 'UDP' ? ec2.Port.udp(rule.port) : ec2.Port.tcp(rule.port),
      description: `egress IP rule ${rule.action} ${rule.destination}:${rule.port}/${rule.protocol.toLowerCase()}`,
    })),
  ];
  // Two IP rules may name the same destination and port (a PASS shadowing a DROP): one security group rule.
  const seen = new Set<string>();
  return rules.filter((rule) => {
    const key = `${rule.cidr} ${rule.port.toString()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
