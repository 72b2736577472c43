import type { TemplateJson } from './synthesized-step.js';

type Resource = TemplateJson['Resources'][string];

/** The subnets of one subnet group (logical IDs `<Vpc><Group>Subnet<n>Subnet…`), in AZ order. */
export function subnetsOf(json: TemplateJson, vpcId: string, group: string): string[] {
  return Object.keys(json.Resources)
    .filter((id) => new RegExp(`^${vpcId}${group}Subnet\\d+Subnet`).test(id))
    .sort();
}

/** The route table of a subnet, through its association. */
export function routeTableOf(json: TemplateJson, subnetId: string): string {
  const association = Object.values(json.Resources).find(
    (resource) =>
      resource.Type === 'AWS::EC2::SubnetRouteTableAssociation' &&
      JSON.stringify(resource.Properties?.SubnetId) === JSON.stringify({ Ref: subnetId }),
  );
  const routeTable = association?.Properties?.RouteTableId as { Ref?: string } | undefined;
  if (routeTable?.Ref === undefined) throw new Error(`no route table for ${subnetId}`);
  return routeTable.Ref;
}

/** The routes of a subnet's route table, keyed by destination CIDR. */
export function routesOf(json: TemplateJson, subnetId: string): Record<string, Record<string, unknown>> {
  const routeTableId = routeTableOf(json, subnetId);
  const routes: Record<string, Record<string, unknown>> = {};
  for (const resource of Object.values(json.Resources) as Resource[]) {
    const properties = resource.Properties ?? {};
    if (
      resource.Type === 'AWS::EC2::Route' &&
      JSON.stringify(properties.RouteTableId) === JSON.stringify({ Ref: routeTableId })
    ) {
      routes[String(properties.DestinationCidrBlock)] = properties;
    }
  }
  return routes;
}

export function propertiesOf(json: TemplateJson, logicalId: string): Record<string, unknown> {
  const resource = json.Resources[logicalId];
  if (resource === undefined) throw new Error(`no resource ${logicalId}`);
  return resource.Properties ?? {};
}

/** The target of a route property such as `NatGatewayId: { Ref: id }`; fails the test when absent. */
export function refOf(route: Record<string, unknown> | undefined, property: string): string {
  const target = route?.[property] as { Ref?: unknown } | undefined;
  if (typeof target?.Ref !== 'string')
    throw new Error(`the route has no ${property} reference: ${JSON.stringify(route)}`);
  return target.Ref;
}

/** The subnet of the NAT gateway that a subnet's default route targets. */
export function natSubnetOf(json: TemplateJson, subnetId: string): string {
  const nat = refOf(routesOf(json, subnetId)['0.0.0.0/0'], 'NatGatewayId');
  return refOf(propertiesOf(json, nat), 'SubnetId');
}
