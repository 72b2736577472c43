import { compareZones, incomparableZones } from '../../../model/availability-zones.js';
import {
  known,
  type NatGateway,
  type NetworkModel,
  type Resolved,
  type RouteTarget,
  type Subnet,
} from '../../../model/types.js';
import { indexModel } from '../../trace/model-index.js';
import type { Finding } from '../../types.js';
import { availabilityZoneOf, describeDestination, describeTarget, routeTableOf } from '../model-queries.js';
import { type Rule, undetermined, violation } from '../rule.js';

export const net011: Rule = {
  id: 'NET011',
  title: 'Subnets route to the NAT gateway and firewall endpoint of their own AZ',
  rationale:
    'NAT gateways and firewall endpoints are zonal. A subnet that routes to one in another AZ loses its egress ' +
    'when that AZ fails, which defeats a multi-AZ design, and pays cross-AZ data charges meanwhile. ' +
    'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html',
  severity: 'error',
  fix: 'Create the NAT gateway or firewall subnet in every AZ that has workloads and give each AZ its own route table pointing at its own AZ.',
  check(model: NetworkModel): readonly Finding[] {
    return model.subnets.flatMap((subnet) => {
      const table = routeTableOf(model, subnet);
      if (table === undefined) return [];
      return table.routes.flatMap((route) => {
        const targetAz = zoneOfTarget(model, route.target, subnet);
        if (targetAz === undefined) return [];
        const where = `route ${describeDestination(route.destination)} → ${describeTarget(route.target)} in route table ${table.id}`;
        if (!subnet.availabilityZone.known || !targetAz.known) {
          return [
            undetermined(
              net011,
              subnet.source,
              `the AZ of the subnet or of the target of its ${where} is unresolved`,
            ),
          ];
        }
        const comparison = compareZones(subnet.availabilityZone.value, targetAz.value);
        if (comparison === 'incomparable') {
          return [
            undetermined(
              net011,
              subnet.source,
              incomparableZones(
                'the subnet',
                subnet.availabilityZone.value,
                `the target of its ${where}`,
                targetAz.value,
              ),
            ),
          ];
        }
        return comparison === 'same'
          ? []
          : [crossZone(subnet, subnet.availabilityZone.value, targetAz.value, where)];
      });
    });
  },
};

function crossZone(subnet: Subnet, subnetAz: string, targetAz: string, where: string): Finding {
  return violation(
    net011,
    subnet.source,
    `the subnet is in ${subnetAz} but its ${where} leads to ${targetAz}; losing ${targetAz} cuts this subnet off. Route to the one in ${subnetAz}.`,
  );
}

/** The AZ a route's target serves `subnet` from, for the zonal targets (NAT gateway, firewall endpoint). */
function zoneOfTarget(
  model: NetworkModel,
  target: RouteTarget,
  subnet: Subnet,
): Resolved<string> | undefined {
  if (target.kind === 'firewall-endpoint') {
    // Templates that pick `Fn::Select [i, EndpointIds]` assume the i-th subnet mapping's AZ; so does this rule.
    return target.availabilityZone.known || target.assumedAvailabilityZone === undefined
      ? target.availabilityZone
      : known(target.assumedAvailabilityZone);
  }
  if (target.kind !== 'nat-gateway') return undefined;
  const nat = indexModel(model).natGateways.get(target.id);
  if (nat === undefined) return undefined;
  if (nat.placement.kind === 'zonal') return availabilityZoneOf(model, nat.placement.subnetId);
  return regionalNatZoneFor(nat.placement.availabilityZones, subnet);
}

/**
 * A regional NAT gateway serves a subnet from the subnet's own AZ: in automatic mode it expands to every AZ where
 * its VPC has a subnet (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html); in manual
 * mode it is in the AZs `AvailabilityZoneAddresses` lists, and a subnet of another AZ has none of its own.
 */
function regionalNatZoneFor(
  zones: Extract<NatGateway['placement'], { kind: 'regional' }>['availabilityZones'],
  subnet: Subnet,
): Resolved<string> | undefined {
  if (zones.kind === 'automatic' || !subnet.availabilityZone.known) return subnet.availabilityZone;
  const own = subnet.availabilityZone.value;
  const unresolved = zones.zones.find((zone) => !zone.known);
  if (zones.zones.some((zone) => zone.known && compareZones(zone.value, own) === 'same'))
    return subnet.availabilityZone;
  if (unresolved !== undefined) return unresolved;
  // Not in the subnet's AZ: report the first AZ it is in, which the subnet's traffic then crosses to.
  return zones.zones[0];
}
