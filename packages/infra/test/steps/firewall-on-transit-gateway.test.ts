import { beforeAll, describe, expect, it } from 'vitest';
import { planAddresses } from '../../src/config/addressing.js';
import { SHARED_PARAMETER } from '../../src/stacks/shared-parameters.js';
import { natSubnetOf, propertiesOf, routesOf, subnetsOf } from '../support/routes.js';
import {
  defaultConfig,
  jsonOf,
  logicalIdsOf,
  type SynthesizedTemplates,
  synthesizeForTest,
  type TemplateJson,
} from '../support/synthesized-step.js';

const config = {
  ...defaultConfig,
  egress: { ...defaultConfig.egress, firewall: { attachment: 'transit-gateway' as const } },
};
const plan = planAddresses(config);
const spokeCidrs = [plan.container.cidr, plan.ingress.cidr];

let step: SynthesizedTemplates;
let network: TemplateJson;
beforeAll(() => {
  step = synthesizeForTest(7, config);
  network = jsonOf(step, 'MoatNetwork');
});

/** The one resource of a type whose logical ID starts with `prefix`; fails the test when there is not exactly one. */
function only(type: string, prefix = ''): string {
  const ids = logicalIdsOf(network, type, prefix);
  expect(ids, `${type} ${prefix}`).toHaveLength(1);
  return ids[0] ?? '';
}

/** The TGW routes of one table, by destination, as their target attachment. */
function tgwRoutes(table: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.values(network.Resources)
      .filter(
        (resource) =>
          resource.Type === 'AWS::EC2::TransitGatewayRoute' &&
          JSON.stringify(resource.Properties?.TransitGatewayRouteTableId) === JSON.stringify({ Ref: table }),
      )
      .map((resource) => [
        String(resource.Properties?.DestinationCidrBlock),
        resource.Properties?.TransitGatewayAttachmentId,
      ]),
  );
}

/** The attachments associated with, or propagating into, one TGW route table. */
function attachmentsOf(type: string, table: string): unknown[] {
  return Object.values(network.Resources)
    .filter(
      (resource) =>
        resource.Type === type &&
        JSON.stringify(resource.Properties?.TransitGatewayRouteTableId) === JSON.stringify({ Ref: table }),
    )
    .map((resource) => resource.Properties?.TransitGatewayAttachmentId);
}

describe('step 7 with the firewall attached to the Transit Gateway (egress.firewall.attachment: transit-gateway)', () => {
  it('attaches the firewall to the hub by TransitGatewayId, one endpoint per configured AZ, with no VPC or subnet', () => {
    const firewall = propertiesOf(network, only('AWS::NetworkFirewall::Firewall'));
    expect(firewall.TransitGatewayId).toEqual({ Ref: only('AWS::EC2::TransitGateway') });
    expect(firewall.AvailabilityZoneMappings).toEqual(
      config.availabilityZones.map((zone) => ({ AvailabilityZone: zone })),
    );
    expect(firewall.VpcId).toBeUndefined();
    expect(firewall.SubnetMappings).toBeUndefined();
  });

  it("sends the spokes' internet traffic to the firewall's attachment, what it passes to the egress VPC, and the egress VPC's replies back through it", () => {
    const firewallAttachment = {
      'Fn::GetAtt': [only('AWS::NetworkFirewall::Firewall'), 'TransitGatewayAttachmentId'],
    };
    const egressAttachment = { Ref: only('AWS::EC2::TransitGatewayVpcAttachment', 'HubEgressAttachment') };
    const spokeTable = only('AWS::EC2::TransitGatewayRouteTable', 'HubSpokeRouteTable');
    const firewallTable = only('AWS::EC2::TransitGatewayRouteTable', 'HubFirewallRouteTable');
    const egressTable = only('AWS::EC2::TransitGatewayRouteTable', 'HubEgressRouteTable');
    expect(tgwRoutes(spokeTable)).toEqual({ '0.0.0.0/0': firewallAttachment });
    expect(tgwRoutes(firewallTable)).toEqual({ '0.0.0.0/0': egressAttachment });
    expect(tgwRoutes(egressTable)).toEqual({ '0.0.0.0/0': firewallAttachment });
    const association = 'AWS::EC2::TransitGatewayRouteTableAssociation';
    const propagation = 'AWS::EC2::TransitGatewayRouteTablePropagation';
    expect(attachmentsOf(association, firewallTable)).toEqual([firewallAttachment]);
    expect(attachmentsOf(association, egressTable)).toEqual([egressAttachment]);
    // The spokes' routes back: into the firewall's table, never the egress table, where they would bypass it.
    expect(attachmentsOf(propagation, firewallTable)).toEqual([
      { Ref: only('AWS::EC2::TransitGatewayVpcAttachment', 'HubIngressAttachment') },
    ]);
    expect(attachmentsOf(propagation, egressTable)).toEqual([]);
    expect(propertiesOf(network, only('AWS::SSM::Parameter', 'EgressRouteTableIdParameter'))).toMatchObject({
      Name: SHARED_PARAMETER.egressRouteTableId,
      Value: { Ref: firewallTable },
    });
  });

  it('keeps the egress VPC to NAT and TGW subnets: no firewall subnet, no route to an endpoint, no appliance mode', () => {
    expect(subnetsOf(network, 'EgressVpc', 'Firewall')).toEqual([]);
    const publicSubnets = subnetsOf(network, 'EgressVpc', 'Public');
    subnetsOf(network, 'EgressVpc', 'Transit').forEach((subnet, azIndex) => {
      expect(natSubnetOf(network, subnet)).toBe(publicSubnets[azIndex]);
    });
    for (const subnet of publicSubnets) {
      const routes = routesOf(network, subnet);
      for (const cidr of spokeCidrs) {
        expect(routes[cidr]?.TransitGatewayId).toEqual({ Ref: only('AWS::EC2::TransitGateway') });
      }
    }
    expect(JSON.stringify(network.Resources)).not.toContain('VpcEndpointId');
    expect(
      propertiesOf(network, only('AWS::EC2::TransitGatewayVpcAttachment', 'HubEgressAttachment')).Options,
    ).toEqual({ ApplianceModeSupport: 'disable', DnsSupport: 'enable' });
  });
});
