import type { Step } from '../../types.js';
import { describeAddress } from '../address.js';
import { ended, stopped, subnetHop } from '../core/hops.js';
import type { Departure, Forwarding } from '../core/types.js';
import { evaluateSecurityGroups } from '../security-groups.js';
import { bypassedCrossings } from './firewall-endpoint.js';
import { crossSubnets } from './subnet.js';

/**
 * The `local` route: the VPC delivers the packet to the goal's network interface (a task or instance ENI, a
 * load balancer node, an interface endpoint, a VPC link ENI), whose security groups decide.
 */
export function deliverInVpc(departure: Departure): Forwarding {
  const { index, subnet, packet, goal, session, hops } = departure;
  // The local route keeps the packet in this VPC: a goal in another VPC whose CIDR overlaps is not reached.
  if (goal.kind !== 'nic' || goal.vpcId !== subnet.vpcId) {
    return stopped(
      hops,
      'NO_ROUTE',
      `${describeAddress(packet.destination)} falls in a CIDR of ${subnet.source.logicalId}'s own VPC, so the local route keeps it there`,
    );
  }
  const destination = index.subnets.get(goal.place.subnetId);
  if (destination === undefined)
    return stopped(hops, 'UNKNOWN', `subnet ${goal.place.subnetId} is not in the model`);
  const crossing = crossSubnets(departure, destination);
  if (crossing.kind === 'stop') return crossing;
  const place = goal.place;
  const steps: Step[] = [...crossing.arrivalSteps];
  hops.push(subnetHop(place.hopKind, place.node, destination, steps));
  if (session.reply) {
    steps.push({
      action: 'stateful',
      detail: 'reply of an allowed connection (security groups are stateful)',
    });
  } else if (place.securityGroupsApply) {
    const verdict = evaluateSecurityGroups(
      index,
      place.securityGroupIds,
      'ingress',
      { address: packet.source, securityGroupIds: packet.sourceGroupIds },
      packet.protocol,
      packet.port,
      place.node,
    );
    steps.push(verdict.step);
    if (verdict.kind !== 'allow') {
      const disposition = verdict.kind === 'deny' ? 'DENIED_BY_SECURITY_GROUP' : 'UNKNOWN';
      return stopped(hops, disposition, verdict.reason);
    }
  }
  const bypassed = bypassedCrossings(session);
  if (bypassed !== undefined) return stopped(hops, 'DROPPED_BY_FIREWALL', bypassed);
  return ended({ disposition: 'ACCEPTED', hops, exit: { kind: 'nic' } });
}
