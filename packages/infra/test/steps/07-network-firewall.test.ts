import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { planAddresses } from '../../src/config/addressing.js';
import { natSubnetOf, propertiesOf, routesOf, subnetsOf } from '../support/routes.js';
import {
  defaultConfig,
  expectPlannedSubnets,
  jsonOf,
  logicalIdsOf,
  type SynthesizedTemplates,
  synthesizeForTest,
  templateOf,
} from '../support/synthesized-step.js';

let step: SynthesizedTemplates;
beforeAll(() => {
  step = synthesizeForTest(7, {
    ...defaultConfig,
    egress: {
      ...defaultConfig.egress,
      domains: defaultConfig.egress.domains,
      ipRules: [{ destination: '198.51.100.7/32', port: 443, protocol: 'TCP', action: 'DROP' }],
    },
  });
});

const plan = planAddresses(defaultConfig);
const spokeCidrs = [plan.container.cidr, plan.ingress.cidr];

/**
 * The endpoint of the firewall in `availabilityZone`, picked by AZ from the "az:vpce-id" strings of
 * `EndpointIds` whatever their order (the expression is explained in EgressFirewall.endpointIdIn).
 */
function endpointInZone(firewall: string, availabilityZone: string): unknown {
  const endpointIds = { 'Fn::Join': [',', { 'Fn::GetAtt': [firewall, 'EndpointIds'] }] };
  const afterZone = {
    'Fn::Select': [1, { 'Fn::Split': [`,${availabilityZone}:`, { 'Fn::Join': ['', [',', endpointIds]] }] }],
  };
  return { 'Fn::Select': [0, { 'Fn::Split': [',', afterZone] }] };
}

describe('step 7, network-firewall', () => {
  it("routes each attachment subnet's default route to the firewall endpoint picked by the subnet's own AZ", () => {
    const json = jsonOf(step, 'MoatNetwork');
    const [firewall = ''] = logicalIdsOf(json, 'AWS::NetworkFirewall::Firewall');
    const transitSubnets = subnetsOf(json, 'EgressVpc', 'Transit');
    expect(transitSubnets.map((subnet) => propertiesOf(json, subnet).AvailabilityZone)).toEqual(
      defaultConfig.availabilityZones,
    );
    for (const subnet of transitSubnets) {
      expect(routesOf(json, subnet)['0.0.0.0/0']?.VpcEndpointId).toEqual(
        endpointInZone(firewall, String(propertiesOf(json, subnet).AvailabilityZone)),
      );
    }
  });

  it('routes the replies to every spoke from each public subnet through the firewall endpoint of its AZ', () => {
    const json = jsonOf(step, 'MoatNetwork');
    const [firewall = ''] = logicalIdsOf(json, 'AWS::NetworkFirewall::Firewall');
    for (const subnet of subnetsOf(json, 'EgressVpc', 'Public')) {
      const routes = routesOf(json, subnet);
      for (const cidr of spokeCidrs) {
        expect(routes[cidr]?.VpcEndpointId).toEqual(
          endpointInZone(firewall, String(propertiesOf(json, subnet).AvailabilityZone)),
        );
      }
    }
  });

  it('never picks a firewall endpoint by its position in EndpointIds', () => {
    const json = jsonOf(step, 'MoatNetwork');
    const text = JSON.stringify(json.Resources);
    expect(text).not.toMatch(
      /"Fn::Select":\[\d+,\{"Fn::GetAtt":\["EgressFirewall[0-9A-F]{8}","EndpointIds"\]\}\]/,
    );
  });

  it('sends each firewall subnet to the NAT of its AZ and the spokes back to the TGW', () => {
    const json = jsonOf(step, 'MoatNetwork');
    const publicSubnets = subnetsOf(json, 'EgressVpc', 'Public');
    subnetsOf(json, 'EgressVpc', 'Firewall').forEach((subnet, azIndex) => {
      const routes = routesOf(json, subnet);
      expect(natSubnetOf(json, subnet)).toBe(publicSubnets[azIndex]);
      for (const cidr of spokeCidrs) {
        expect(routes[cidr]?.TransitGatewayId).toEqual({ Ref: expect.stringMatching(/^HubTransitGateway/) });
      }
    });
  });

  it('builds the firewall subnets with exactly the planned CIDRs', () => {
    expectPlannedSubnets(templateOf(step, 'MoatNetwork'), plan.egress.tiers.firewall);
  });

  it('turns appliance mode on for the egress attachment only', () => {
    const template = templateOf(step, 'MoatNetwork');
    template.hasResourceProperties('AWS::EC2::TransitGatewayVpcAttachment', {
      VpcId: { Ref: Match.stringLikeRegexp('^EgressVpc') },
      Options: { ApplianceModeSupport: 'enable', DnsSupport: 'enable' },
    });
    template.hasResourceProperties('AWS::EC2::TransitGatewayVpcAttachment', {
      VpcId: { Ref: Match.stringLikeRegexp('^IngressVpc') },
      Options: { ApplianceModeSupport: 'disable', DnsSupport: 'enable' },
    });
  });

  it('evaluates in strict order with drop and alert on established flows, HOME_NET covering every spoke', () => {
    templateOf(step, 'MoatNetwork').hasResourceProperties('AWS::NetworkFirewall::FirewallPolicy', {
      FirewallPolicy: {
        StatefulEngineOptions: { RuleOrder: 'STRICT_ORDER' },
        StatefulDefaultActions: ['aws:drop_established', 'aws:alert_established'],
        StatelessDefaultActions: ['aws:forward_to_sfe'],
        StatelessFragmentDefaultActions: ['aws:forward_to_sfe'],
        PolicyVariables: { RuleVariables: { HOME_NET: { Definition: spokeCidrs } } },
        StatefulRuleGroupReferences: [
          {
            Priority: 100,
            ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EgressFirewallIpRules'), 'RuleGroupArn'] },
          },
          {
            Priority: 200,
            ResourceArn: {
              'Fn::GetAtt': [Match.stringLikeRegexp('^EgressFirewallDomainRules'), 'RuleGroupArn'],
            },
          },
        ],
      },
    });
  });

  it('allows api.binance.com by TLS SNI and applies the IP:port rules before the domains', () => {
    const template = templateOf(step, 'MoatNetwork');
    template.hasResourceProperties('AWS::NetworkFirewall::RuleGroup', {
      Type: 'STATEFUL',
      RuleGroup: {
        StatefulRuleOptions: { RuleOrder: 'STRICT_ORDER' },
        RulesSource: {
          RulesString: Match.stringLikeRegexp(
            '^pass tls \\$HOME_NET any -> \\$EXTERNAL_NET 443 \\(tls.sni; content:"api.binance.com";.*msg:"allow api.binance.com"',
          ),
        },
      },
    });
    template.hasResourceProperties('AWS::NetworkFirewall::RuleGroup', {
      RuleGroup: {
        RulesSource: {
          StatefulRules: [
            Match.objectLike({
              Action: 'DROP',
              Header: Match.objectLike({
                Destination: '198.51.100.7/32',
                DestinationPort: '443',
                Protocol: 'TCP',
              }),
            }),
          ],
        },
      },
    });
  });

  it('sends flow and alert logs to CloudWatch log groups with the configured retention', () => {
    const template = templateOf(step, 'MoatNetwork');
    template.hasResourceProperties('AWS::NetworkFirewall::LoggingConfiguration', {
      LoggingConfiguration: {
        LogDestinationConfigs: [
          Match.objectLike({ LogType: 'FLOW', LogDestinationType: 'CloudWatchLogs' }),
          Match.objectLike({ LogType: 'ALERT', LogDestinationType: 'CloudWatchLogs' }),
        ],
      },
    });
    for (const id of logicalIdsOf(jsonOf(step, 'MoatNetwork'), 'AWS::Logs::LogGroup', 'EgressFirewall')) {
      expect(propertiesOf(jsonOf(step, 'MoatNetwork'), id).RetentionInDays).toBe(
        defaultConfig.logRetentionDays,
      );
    }
  });
});
