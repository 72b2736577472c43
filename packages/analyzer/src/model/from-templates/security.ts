import type { Value } from '../../cfn/values.js';
import { appendTo } from '../../collections.js';
import type {
  ElementId,
  NetworkAcl,
  NetworkAclEntry,
  Peer,
  Protocol,
  SecurityGroup,
  SecurityGroupRule,
  Source,
} from '../types.js';
import { type BuildContext, type CfnElement, field, list, num, str } from './context.js';

const SECURITY_GROUP = 'AWS::EC2::SecurityGroup';

export function buildSecurityGroups(context: BuildContext): SecurityGroup[] {
  const standalone = new Map<ElementId, SecurityGroupRule[]>();
  const standaloneTypes = [
    ['AWS::EC2::SecurityGroupIngress', 'ingress'],
    ['AWS::EC2::SecurityGroupEgress', 'egress'],
  ] as const;
  for (const [type, direction] of standaloneTypes) {
    for (const resource of context.ofType(type)) {
      const groupId = context.link(resource, 'GroupId', SECURITY_GROUP);
      if (groupId === undefined) continue;
      const rule = sgRule(context, direction, (name) => resource.prop(name), resource.source);
      appendTo(standalone, groupId, rule);
    }
  }
  return context.ofType(SECURITY_GROUP).map((group) => {
    const inline = (property: string, direction: 'ingress' | 'egress'): SecurityGroupRule[] =>
      list(group.prop(property)).map((rule) =>
        sgRule(context, direction, (name) => field(rule, name), group.source),
      );
    const egress = group.raw('SecurityGroupEgress');
    return {
      id: group.id,
      source: group.source,
      vpcId: context.reference(group.prop('VpcId'), 'AWS::EC2::VPC'),
      rules: [
        ...inline('SecurityGroupIngress', 'ingress'),
        ...(egress === undefined ? [defaultEgress(group)] : inline('SecurityGroupEgress', 'egress')),
        ...(standalone.get(group.id) ?? []),
      ],
    };
  });
}

/**
 * "When you create a security group, it has an outbound rule that allows all traffic; CloudFormation removes
 * it when you specify SecurityGroupEgress."
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html
 */
function defaultEgress(group: CfnElement): SecurityGroupRule {
  return {
    direction: 'egress',
    protocol: 'all',
    fromPort: 0,
    toPort: 65535,
    peer: { kind: 'cidr', cidr: { known: true, value: '0.0.0.0/0' } },
    description: 'the default egress rule (allow all)',
    source: group.source,
    implicit: true,
  };
}

function sgRule(
  context: BuildContext,
  direction: 'ingress' | 'egress',
  prop: (name: string) => Value | undefined,
  source: Source,
): SecurityGroupRule {
  const protocol = protocolOf(prop('IpProtocol'));
  const all = protocol === 'all';
  const peerGroup = prop(direction === 'ingress' ? 'SourceSecurityGroupId' : 'DestinationSecurityGroupId');
  const prefixList = prop(direction === 'ingress' ? 'SourcePrefixListId' : 'DestinationPrefixListId');
  const peer: Peer =
    peerGroup !== undefined
      ? { kind: 'security-group', id: context.reference(peerGroup, SECURITY_GROUP) }
      : prefixList !== undefined
        ? { kind: 'prefix-list', prefixListId: prefixListId(context, prefixList) }
        : { kind: 'cidr', cidr: str(prop('CidrIp'), `${source.logicalId} CidrIp`) };
  const description = prop('Description');
  return {
    direction,
    protocol,
    fromPort: all ? 0 : (num(prop('FromPort')) ?? 0),
    toPort: all ? 65535 : (num(prop('ToPort')) ?? 65535),
    peer,
    ...(typeof description === 'string' ? { description } : {}),
    source,
  };
}

/** A customer prefix list of the assembly is named by its element id; an AWS-managed one stays unknown. */
function prefixListId(context: BuildContext, value: Value) {
  const element = context.reference(value, 'AWS::EC2::PrefixList');
  return element.known ? element : str(value, 'prefix list');
}

/** `-1` is all protocols; ports then do not apply. ICMP type/code ranges are not modelled. */
function protocolOf(value: Value | undefined): Protocol {
  const text = String(value ?? '-1').toLowerCase();
  if (text === 'tcp' || text === '6') return 'tcp';
  if (text === 'udp' || text === '17') return 'udp';
  if (text === 'icmp' || text === '1') return 'icmp';
  return 'all';
}

export function buildNetworkAcls(context: BuildContext): NetworkAcl[] {
  const entries = new Map<ElementId, NetworkAclEntry[]>();
  for (const entry of context.ofType('AWS::EC2::NetworkAclEntry')) {
    const aclId = context.link(entry, 'NetworkAclId', 'AWS::EC2::NetworkAcl');
    const ruleNumber = num(entry.prop('RuleNumber'));
    if (aclId === undefined || ruleNumber === undefined) continue;
    const protocol = protocolOf(entry.prop('Protocol'));
    const range = entry.prop('PortRange');
    const ported = protocol === 'tcp' || protocol === 'udp';
    appendTo(entries, aclId, {
      ruleNumber,
      direction: entry.prop('Egress') === true || entry.prop('Egress') === 'true' ? 'egress' : 'ingress',
      action: String(entry.prop('RuleAction')).toLowerCase() === 'allow' ? 'allow' : 'deny',
      protocol,
      fromPort: ported ? (num(field(range, 'From')) ?? 0) : 0,
      toPort: ported ? (num(field(range, 'To')) ?? 65535) : 65535,
      cidr: str(entry.prop('CidrBlock'), `${entry.source.logicalId}.CidrBlock`),
      source: entry.source,
    });
  }
  return context.ofType('AWS::EC2::NetworkAcl').flatMap((acl): NetworkAcl[] => {
    const vpcId = context.link(acl, 'VpcId', 'AWS::EC2::VPC');
    if (vpcId === undefined) return [];
    const sorted = [...(entries.get(acl.id) ?? [])].sort((a, b) => a.ruleNumber - b.ruleNumber);
    return [{ id: acl.id, source: acl.source, vpcId, entries: sorted }];
  });
}
