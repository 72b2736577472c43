import { Fn, RemovalPolicy } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as nfw from 'aws-cdk-lib/aws-networkfirewall';
import { Construct } from 'constructs';
import {
  domainRulesString,
  type EgressDomainRule,
  type EgressIpRule,
  ipStatefulRules,
} from './firewall-rules.js';

/** Where the firewall's endpoints are, which decides what routes to them. */
export type FirewallPlacement =
  /** One endpoint in each firewall subnet of a VPC: VPC routes pick the endpoint of their AZ (`endpointIdIn`). */
  | { readonly kind: 'subnets'; readonly vpc: ec2.IVpc; readonly subnets: readonly ec2.ISubnet[] }
  /**
   * Attached natively to a Transit Gateway: one endpoint per AZ in a VPC AWS manages, reached by TGW routes to the
   * firewall's own attachment (`transitGatewayAttachmentId`); appliance mode is always on for it
   * (https://docs.aws.amazon.com/network-firewall/latest/developerguide/tgw-firewall.html,
   * https://docs.aws.amazon.com/network-firewall/latest/developerguide/tgw-firewall-considerations.html).
   */
  | {
      readonly kind: 'transit-gateway';
      readonly transitGatewayId: string;
      readonly availabilityZones: readonly string[];
    };

export interface EgressFirewallProps {
  readonly placement: FirewallPlacement;
  /** Every spoke CIDR: HOME_NET must cover the sources, or the domain rules see nothing. */
  readonly homeNetCidrs: readonly string[];
  readonly domainRules: readonly EgressDomainRule[];
  readonly ipRules: readonly EgressIpRule[];
  readonly logRetention: logs.RetentionDays;
}

/** Rule group capacities: fixed at creation (a change replaces the group), sized with headroom. */
const DOMAIN_RULE_GROUP_CAPACITY = 1000;
const IP_RULE_GROUP_CAPACITY = 1000;

/**
 * AWS Network Firewall, one endpoint per AZ, in the egress VPC or attached to the Transit Gateway, with a
 * strict-order policy:
 * IP:port rules first, then the domain rules, then the default action.
 *
 * The default is `aws:drop_established` + `aws:alert_established`, not `aws:drop_strict`: with strict
 * order, drop_strict drops the TCP handshake before the TLS ClientHello carries the SNI, so no domain
 * rule could ever match; drop_established lets the handshake through and drops the established flow
 * that no rule passed. (https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html)
 */
export class EgressFirewall extends Construct {
  readonly firewall: nfw.CfnFirewall;

  constructor(scope: Construct, id: string, props: EgressFirewallProps) {
    super(scope, id);
    const ruleGroups: nfw.CfnFirewallPolicy.StatefulRuleGroupReferenceProperty[] = [];
    /** A strict-order stateful group, evaluated at `priority` (IP rules before domain rules). */
    const addRuleGroup = (
      groupId: string,
      priority: number,
      props: Pick<nfw.CfnRuleGroupProps, 'ruleGroupName' | 'capacity' | 'description'>,
      rulesSource: nfw.CfnRuleGroup.RulesSourceProperty,
    ): void => {
      const group = new nfw.CfnRuleGroup(this, groupId, {
        ...props,
        type: 'STATEFUL',
        ruleGroup: { statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' }, rulesSource },
      });
      ruleGroups.push({ resourceArn: group.attrRuleGroupArn, priority });
    };
    if (props.ipRules.length > 0) {
      addRuleGroup(
        'IpRules',
        100,
        {
          ruleGroupName: 'moat-egress-ip-rules',
          capacity: IP_RULE_GROUP_CAPACITY,
          description: 'Egress IP:port rules from moat.config.yaml (egress.ipRules)',
        },
        { statefulRules: ipStatefulRules(props.ipRules) },
      );
    }
    if (props.domainRules.length > 0) {
      addRuleGroup(
        'DomainRules',
        200,
        {
          ruleGroupName: 'moat-egress-domain-rules',
          capacity: DOMAIN_RULE_GROUP_CAPACITY,
          description:
            'Egress domain allow list from moat.config.yaml (egress.domains): TLS SNI and HTTP Host',
        },
        { rulesString: domainRulesString(props.domainRules) },
      );
    }

    const policy = new nfw.CfnFirewallPolicy(this, 'Policy', {
      firewallPolicyName: 'moat-egress',
      firewallPolicy: {
        // Everything goes to the stateful engine, which decides in strict order.
        statelessDefaultActions: ['aws:forward_to_sfe'],
        statelessFragmentDefaultActions: ['aws:forward_to_sfe'],
        statefulEngineOptions: { ruleOrder: 'STRICT_ORDER' },
        statefulDefaultActions: ['aws:drop_established', 'aws:alert_established'],
        statefulRuleGroupReferences: ruleGroups,
        policyVariables: { ruleVariables: { HOME_NET: { definition: [...props.homeNetCidrs] } } },
      },
    });

    const { placement } = props;
    this.firewall = new nfw.CfnFirewall(this, 'Firewall', {
      firewallName: 'moat-egress',
      firewallPolicyArn: policy.attrFirewallPolicyArn,
      // CloudFormation's firewall takes a VPC and subnet mappings, or a transit gateway and AZ mappings
      // (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-networkfirewall-firewall.html).
      ...(placement.kind === 'subnets'
        ? {
            vpcId: placement.vpc.vpcId,
            subnetMappings: placement.subnets.map((subnet) => ({ subnetId: subnet.subnetId })),
          }
        : {
            transitGatewayId: placement.transitGatewayId,
            availabilityZoneMappings: placement.availabilityZones.map((availabilityZone) => ({
              availabilityZone,
            })),
          }),
      deleteProtection: false,
      subnetChangeProtection: false,
      firewallPolicyChangeProtection: false,
    });

    const logGroup = (logType: string) =>
      new logs.LogGroup(this, `${logType}Logs`, {
        retention: props.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      });
    new nfw.CfnLoggingConfiguration(this, 'Logging', {
      firewallArn: this.firewall.attrFirewallArn,
      loggingConfiguration: {
        logDestinationConfigs: ['Flow', 'Alert'].map((logType) => ({
          logType: logType.toUpperCase(),
          logDestinationType: 'CloudWatchLogs',
          logDestination: { logGroup: logGroup(logType).logGroupName },
        })),
      },
    });
  }

  /** The firewall's Transit Gateway attachment, which TGW route tables route to, associate and propagate. */
  get transitGatewayAttachmentId(): string {
    return this.firewall.attrTransitGatewayAttachmentId;
  }

  /**
   * The ID of the firewall endpoint in `availabilityZone` (an AZ name of this account).
   *
   * `EndpointIds` is a list of "az:vpce-id" strings, and AWS does not document its order
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-networkfirewall-firewall.html#aws-resource-networkfirewall-firewall-return-values);
   * public projects report it differs from the subnet mappings' order (https://github.com/aws/aws-cdk/issues/11925,
   * https://github.com/aws-cloudformation/aws-cloudformation-resource-providers-networkfirewall/issues/15), so
   * `Fn::Select [i, EndpointIds]` can route a flow to another AZ's endpoint, which breaks symmetry. Instead the
   * endpoint is found by its AZ, in CloudFormation, whatever the order:
   *   1. `Fn::Join ["", [",", Fn::Join [",", EndpointIds]]]` → ",eu-central-1b:vpce-222,eu-central-1a:vpce-111";
   *   2. `Fn::Split [",eu-central-1a:", …]` → [",eu-central-1b:vpce-222", "vpce-111"]: the leading comma anchors the
   *      AZ name at the start of an element, so no other element can match;
   *   3. `Fn::Select [1, …]` → "vpce-111" followed by ",<later elements>" when it is not last;
   *   4. `Fn::Select [0, Fn::Split [",", …]]` → "vpce-111".
   * The delimiter of `Fn::Split` must be a literal string, hence an AZ name known at synthesis
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-split.html).
   */
  endpointIdIn(availabilityZone: string): string {
    const list = Fn.join('', [',', Fn.join(',', this.firewall.attrEndpointIds)]);
    return Fn.select(0, Fn.split(',', Fn.select(1, Fn.split(`,${availabilityZone}:`, list))));
  }
}
