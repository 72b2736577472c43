import { describe, expect, it } from 'vitest';
import { planAddresses } from '../../src/config/addressing.js';
import type { MoatConfig } from '../../src/config/schema.js';
import { propertiesOf, routesOf, subnetsOf } from '../support/routes.js';
import {
  defaultConfig,
  jsonOf,
  logicalIdsOf,
  synthesizeForTest,
  type TemplateJson,
} from '../support/synthesized-step.js';

const config: MoatConfig = {
  ...defaultConfig,
  egress: { ...defaultConfig.egress, nat: 'regional', firewall: { attachment: 'transit-gateway' } },
};
const plan = planAddresses(config);

/** The one resource of a type whose logical ID starts with `prefix`; fails the test when there is not exactly one. */
function only(json: TemplateJson, type: string, prefix = ''): string {
  const ids = logicalIdsOf(json, type, prefix);
  expect(ids, `${type} ${prefix}`).toHaveLength(1);
  return ids[0] ?? '';
}

/** The routes added to the route table of the regional NAT gateway (`Fn::GetAtt [Nat, RouteTableId]`), by destination. */
function natTableRoutes(json: TemplateJson, nat: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.values(json.Resources)
      .filter(
        (resource) =>
          resource.Type === 'AWS::EC2::Route' &&
          JSON.stringify(resource.Properties?.RouteTableId) ===
            JSON.stringify({ 'Fn::GetAtt': [nat, 'RouteTableId'] }),
      )
      .map((resource) => [
        String(resource.Properties?.DestinationCidrBlock),
        resource.Properties?.TransitGatewayId,
      ]),
  );
}

/** Every private subnet of a VPC routes its default route to the regional NAT gateway by its `NatGatewayId`. */
function expectDefaultRoutesTo(json: TemplateJson, subnets: readonly string[], nat: string): void {
  expect(subnets).toHaveLength(config.availabilityZones.length);
  for (const subnet of subnets) {
    expect(routesOf(json, subnet)['0.0.0.0/0']?.NatGatewayId).toEqual({
      'Fn::GetAtt': [nat, 'NatGatewayId'],
    });
  }
}

describe('egress.nat: regional', () => {
  it('steps 3–5: one regional NAT gateway in the container VPC, which every private subnet routes to', () => {
    const workload = jsonOf(synthesizeForTest(3, config), 'MoatWorkload');
    const nat = only(workload, 'AWS::EC2::NatGateway');
    expect(propertiesOf(workload, nat)).toEqual({
      AvailabilityMode: 'regional',
      ConnectivityType: 'public',
      VpcId: { Ref: only(workload, 'AWS::EC2::VPC') },
      Tags: expect.any(Array),
    });
    // Automatic mode: AWS allocates the Elastic IPs, so the template has none.
    expect(logicalIdsOf(workload, 'AWS::EC2::EIP')).toEqual([]);
    expectDefaultRoutesTo(workload, subnetsOf(workload, 'ContainerVpc', 'Private'), nat);
    // The ALB keeps its public subnets.
    expect(subnetsOf(workload, 'ContainerVpc', 'Public')).toHaveLength(config.availabilityZones.length);
  });

  it('step 6 on: one regional NAT gateway in the egress VPC, no public subnet, the spokes routed back to the TGW from its own table', () => {
    for (const stepId of [6, 7]) {
      const network = jsonOf(synthesizeForTest(stepId, config), 'MoatNetwork');
      const nat = only(network, 'AWS::EC2::NatGateway');
      expect(propertiesOf(network, nat)).toMatchObject({
        AvailabilityMode: 'regional',
        ConnectivityType: 'public',
        VpcId: { Ref: only(network, 'AWS::EC2::VPC', 'EgressVpc') },
      });
      expect(propertiesOf(network, nat).SubnetId).toBeUndefined();
      expect(subnetsOf(network, 'EgressVpc', 'Public')).toEqual([]);
      expect(subnetsOf(network, 'EgressVpc', 'Firewall')).toEqual([]);
      // The internet gateway stays: the NAT gateway's table routes to it.
      expect(logicalIdsOf(network, 'AWS::EC2::InternetGateway', 'EgressVpc')).toHaveLength(1);
      expectDefaultRoutesTo(network, subnetsOf(network, 'EgressVpc', 'Transit'), nat);
      const tgw = { Ref: only(network, 'AWS::EC2::TransitGateway') };
      expect(natTableRoutes(network, nat)).toEqual({ [plan.container.cidr]: tgw, [plan.ingress.cidr]: tgw });
    }
  });
});
