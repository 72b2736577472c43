import { beforeAll, describe, expect, it } from 'vitest';
import { planAddresses } from '../../src/config/addressing.js';
import {
  defaultConfig,
  type SynthesizedTemplates,
  synthesizeForTest,
  type TemplateJson,
} from '../support/synthesized-step.js';

/**
 * Every security group of every step, with its exact egress: the inline rules (which replace EC2's default
 * allow-all rule) and the separate AWS::EC2::SecurityGroupEgress resources (which only add to them). A group
 * whose only egress is separate keeps the no-traffic placeholder inline, so the default rule is gone.
 */

const NO_TRAFFIC = '255.255.255.255/32 icmp 252-86';
const HTTPS_OUT = '0.0.0.0/0 tcp 443-443';
const NLB_IPS = planAddresses(defaultConfig).nlbPrivateIps.map((nlb) => `${nlb.address}/32 tcp 8080-8080`);

interface GroupEgress {
  readonly inline: readonly string[];
  /** Separate egress resources, as "<destination group logical id prefix> <protocol> <ports>". */
  readonly separate: readonly string[];
}

const hosts: GroupEgress = { inline: [HTTPS_OUT, '0.0.0.0/0 tcp 80-80'], separate: [] };
const tasks: GroupEgress = { inline: [HTTPS_OUT], separate: [] };
const nlb: GroupEgress = { inline: [NO_TRAFFIC], separate: ['PriceServiceTaskSecurityGroup tcp 8080-8080'] };
const endpoints: GroupEgress = { inline: [NO_TRAFFIC], separate: [] };
const albToNlb: GroupEgress = { inline: NLB_IPS, separate: [] };
const vpcLink: GroupEgress = { inline: [NO_TRAFFIC], separate: ['AlbSecurityGroup tcp 80-80'] };

type StackGroups = Readonly<Record<string, Readonly<Record<string, GroupEgress>>>>;

const workloadBehindTgw = {
  PriceServiceTaskSecurityGroup: tasks,
  InternalNlbSecurityGroup: nlb,
  EndpointsSecurityGroup: endpoints,
};

const EXPECTED: Readonly<Record<number, StackGroups>> = {
  2: { MoatWorkload: { PriceServiceHostsSecurityGroup: hosts } },
  3: {
    MoatWorkload: {
      PriceServiceHostsSecurityGroup: hosts,
      AlbSecurityGroup: { inline: [NO_TRAFFIC], separate: ['PriceServiceHostsSecurityGroup tcp 8080-8080'] },
    },
  },
  4: {
    MoatWorkload: {
      PriceServiceTaskSecurityGroup: tasks,
      AlbSecurityGroup: { inline: [NO_TRAFFIC], separate: ['PriceServiceTaskSecurityGroup tcp 8080-8080'] },
    },
  },
  5: {
    MoatWorkload: {
      PriceServiceTaskSecurityGroup: tasks,
      InternalNlbSecurityGroup: nlb,
      AlbSecurityGroup: albToNlb,
    },
  },
  6: { MoatNetwork: { AlbSecurityGroup: albToNlb }, MoatWorkload: workloadBehindTgw },
  7: { MoatNetwork: { AlbSecurityGroup: albToNlb }, MoatWorkload: workloadBehindTgw },
  8: {
    MoatNetwork: { AlbSecurityGroup: albToNlb, ApiVpcLinkSecurityGroup: vpcLink },
    MoatWorkload: workloadBehindTgw,
  },
  9: {
    MoatNetwork: { AlbSecurityGroup: albToNlb, ApiVpcLinkSecurityGroup: vpcLink },
    MoatWorkload: workloadBehindTgw,
  },
  10: {
    MoatNetwork: { AlbSecurityGroup: albToNlb, ApiVpcLinkSecurityGroup: vpcLink },
    MoatWorkload: workloadBehindTgw,
  },
};

type Rule = Record<string, unknown>;

function ports(rule: Rule): string {
  return `${String(rule.IpProtocol)} ${String(rule.FromPort)}-${String(rule.ToPort)}`;
}

/** The logical id without the CDK's 8-character hash. */
function unhashed(logicalId: string): string {
  return logicalId.replace(/[0-9A-F]{8}$/, '');
}

function groupEgress(json: TemplateJson, groupId: string): GroupEgress {
  const inline = (json.Resources[groupId]?.Properties?.SecurityGroupEgress ?? []) as Rule[];
  const separate = Object.values(json.Resources)
    .filter(
      (resource) =>
        resource.Type === 'AWS::EC2::SecurityGroupEgress' &&
        JSON.stringify(resource.Properties?.GroupId) ===
          JSON.stringify({ 'Fn::GetAtt': [groupId, 'GroupId'] }),
    )
    .map((resource) => {
      const destination = resource.Properties?.DestinationSecurityGroupId as {
        'Fn::GetAtt': [string, string];
      };
      return `${unhashed(destination['Fn::GetAtt'][0])} ${ports(resource.Properties ?? {})}`;
    });
  return { inline: inline.map((rule) => `${String(rule.CidrIp)} ${ports(rule)}`), separate };
}

const synthesized = new Map<number, SynthesizedTemplates>();
beforeAll(() => {
  for (const id of Object.keys(EXPECTED).map(Number)) synthesized.set(id, synthesizeForTest(id));
});

describe('security group egress', () => {
  it.each(Object.entries(EXPECTED).map(([id, stacks]) => [Number(id), stacks] as const))(
    'gives every security group of step %i exactly the egress its flows need',
    (id, stacks) => {
      const step = synthesized.get(id);
      if (step === undefined) throw new Error(`step ${id} not synthesized`);
      const actual = Object.fromEntries(
        Object.entries(step.json)
          .map(([stackId, json]) => [
            stackId,
            Object.fromEntries(
              Object.entries(json.Resources)
                .filter(([, resource]) => resource.Type === 'AWS::EC2::SecurityGroup')
                .map(([groupId]) => [unhashed(groupId), groupEgress(json, groupId)]),
            ),
          ])
          .filter(([, groups]) => Object.keys(groups as object).length > 0),
      );
      expect(actual).toEqual(stacks);
    },
  );

  it("derives the tasks' egress from the egress rules: each domain port and each IP rule's protocol and port", () => {
    const step = synthesizeForTest(7, {
      ...defaultConfig,
      egress: {
        ...defaultConfig.egress,
        domains: [
          { domain: 'api.binance.com', port: 443, action: 'PASS' },
          { domain: 'example.com', port: 80, action: 'DROP' },
        ],
        ipRules: [
          { destination: '1.1.1.1/32', port: 53, protocol: 'UDP', action: 'PASS' },
          { destination: '8.8.8.8/32', port: 53, protocol: 'UDP', action: 'DROP' },
          { destination: '198.51.100.0/24', port: 8443, protocol: 'TCP', action: 'PASS' },
        ],
      },
    });
    const json = step.json.MoatWorkload;
    if (json === undefined) throw new Error('no MoatWorkload');
    const [taskGroup] = Object.keys(json.Resources).filter((id) =>
      id.startsWith('PriceServiceTaskSecurityGroup'),
    );
    expect(groupEgress(json, taskGroup ?? '')).toEqual({
      inline: [
        HTTPS_OUT,
        '0.0.0.0/0 tcp 80-80',
        '1.1.1.1/32 udp 53-53',
        '8.8.8.8/32 udp 53-53',
        '198.51.100.0/24 tcp 8443-8443',
      ],
      separate: [],
    });
  });
});
