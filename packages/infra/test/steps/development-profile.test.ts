import { beforeAll, describe, expect, it } from 'vitest';
import { planAddresses } from '../../src/config/addressing.js';
import { validateConfig } from '../../src/config/index.js';
import type { MoatConfig } from '../../src/config/schema.js';
import { SHARED_PARAMETER } from '../../src/stacks/shared-parameters.js';
import { natSubnetOf, propertiesOf, routeTableOf, subnetsOf } from '../support/routes.js';
import {
  jsonOf,
  logicalIdsOf,
  type SynthesizedTemplates,
  synthesizeForTest,
  templateOf,
} from '../support/synthesized-step.js';

function developmentConfig(): MoatConfig {
  const result = validateConfig({ profile: 'development' });
  if (!result.ok) throw new Error('the development profile does not validate');
  return result.config;
}

const config = developmentConfig();
const [firstZone, secondZone] = config.availabilityZones;
const plan = planAddresses(config);

let step3: SynthesizedTemplates;
let step7: SynthesizedTemplates;
let step10: SynthesizedTemplates;
beforeAll(() => {
  step3 = synthesizeForTest(3, config);
  step7 = synthesizeForTest(7, config);
  step10 = synthesizeForTest(10, config);
});

/** The AZ of each subnet of a group, in logical-ID order. */
function zonesOf(step: SynthesizedTemplates, stack: string, vpc: string, group: string): unknown[] {
  const json = jsonOf(step, stack);
  return subnetsOf(json, vpc, group).map((subnet) => propertiesOf(json, subnet).AvailabilityZone);
}

describe('the development profile', () => {
  it('runs one NAT gateway in the container VPC (steps 3 to 5), which both private subnets route to', () => {
    const json = jsonOf(step3, 'MoatWorkload');
    expect(logicalIdsOf(json, 'AWS::EC2::NatGateway')).toHaveLength(1);
    const [firstPublic] = subnetsOf(json, 'ContainerVpc', 'Public');
    expect(subnetsOf(json, 'ContainerVpc', 'Private').map((subnet) => natSubnetOf(json, subnet))).toEqual([
      firstPublic,
      firstPublic,
    ]);
    expect(propertiesOf(json, firstPublic ?? '').AvailabilityZone).toBe(firstZone);
  });

  it('keeps the egress VPC in the first AZ: one NAT gateway, one firewall endpoint, one TGW attachment subnet, each at its planned CIDR', () => {
    const json = jsonOf(step7, 'MoatNetwork');
    for (const group of ['Public', 'Firewall', 'Transit']) {
      expect(zonesOf(step7, 'MoatNetwork', 'EgressVpc', group)).toEqual([firstZone]);
    }
    const [firewallSubnet = ''] = subnetsOf(json, 'EgressVpc', 'Firewall');
    expect(propertiesOf(json, firewallSubnet).CidrBlock).toBe(plan.egress.tiers.firewall[0]?.cidr);
    expect(logicalIdsOf(json, 'AWS::EC2::NatGateway')).toHaveLength(1);
    templateOf(step7, 'MoatNetwork').hasResourceProperties('AWS::NetworkFirewall::Firewall', {
      SubnetMappings: [{ SubnetId: { Ref: firewallSubnet } }],
    });
    templateOf(step7, 'MoatNetwork').hasResourceProperties('AWS::EC2::TransitGatewayVpcAttachment', {
      SubnetIds: [{ Ref: subnetsOf(json, 'EgressVpc', 'Transit')[0] }],
    });
  });

  it('keeps the ingress and container VPCs in every AZ, as the ALB and the NLB need', () => {
    for (const group of ['Public', 'Private', 'Transit']) {
      expect(zonesOf(step7, 'MoatNetwork', 'IngressVpc', group)).toEqual([firstZone, secondZone]);
    }
    for (const group of ['Private', 'Transit']) {
      expect(zonesOf(step7, 'MoatWorkload', 'ContainerVpc', group)).toEqual([firstZone, secondZone]);
    }
  });

  it("puts the interface endpoints' ENIs in the first AZ only, and the S3 gateway endpoint on both private subnets' route tables", () => {
    const json = jsonOf(step7, 'MoatWorkload');
    const [firstPrivate, secondPrivate] = subnetsOf(json, 'ContainerVpc', 'Private');
    const endpoints = logicalIdsOf(json, 'AWS::EC2::VPCEndpoint').map((id) => propertiesOf(json, id));
    const interfaces = endpoints.filter((endpoint) => endpoint.VpcEndpointType === 'Interface');
    expect(interfaces).toHaveLength(4);
    for (const endpoint of interfaces) expect(endpoint.SubnetIds).toEqual([{ Ref: firstPrivate }]);
    const [gateway] = endpoints.filter((endpoint) => endpoint.VpcEndpointType === 'Gateway');
    expect(gateway?.RouteTableIds).toEqual(
      [firstPrivate, secondPrivate].map((subnet) => ({ Ref: routeTableOf(json, subnet ?? '') })),
    );
  });

  it('runs one task, scaling to two', () => {
    templateOf(step7, 'MoatWorkload').hasResourceProperties('AWS::ECS::Service', { DesiredCount: 1 });
    templateOf(step7, 'MoatWorkload').hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 1,
      MaxCapacity: 2,
    });
  });

  it('publishes the AZ ID of every configured zone in step 10, from the ingress VPC, though the egress VPC has one', () => {
    const json = jsonOf(step10, 'MoatNetwork');
    const [parameter = ''] = logicalIdsOf(json, 'AWS::SSM::Parameter', 'AvailabilityZoneIdsParameter');
    expect(propertiesOf(json, parameter)).toMatchObject({
      Name: SHARED_PARAMETER.availabilityZoneIds,
      Value: {
        'Fn::Join': [
          ',',
          subnetsOf(json, 'IngressVpc', 'Transit').map((subnet) => ({
            'Fn::GetAtt': [subnet, 'AvailabilityZoneId'],
          })),
        ],
      },
    });
    expect(subnetsOf(json, 'IngressVpc', 'Transit')).toHaveLength(2);
  });
});
