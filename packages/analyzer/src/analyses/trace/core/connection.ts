import type { Hop, Step } from '../../types.js';
import type { ModelIndex } from '../model-index.js';
import { evaluateSecurityGroups } from '../security-groups.js';
import { newSession } from './hops.js';
import type { Goal, Leg, Located, Packet, WalkOutcome } from './types.js';
import { walk } from './walk.js';

/**
 * One connection from a network interface: its egress security group check (the step goes on the sender's hop,
 * which the caller owns), then the walk (`hops`).
 */
export function connect(
  index: ModelIndex,
  from: Located,
  packet: Packet,
  goal: Goal,
  reached: Located | undefined,
  assumptions: string[],
): Leg & { senderSteps: Step[]; hops: Hop[] } {
  const session = newSession(assumptions);
  const senderSteps: Step[] = [];
  if (from.place.securityGroupsApply) {
    const peerGroups = goal.kind === 'nic' ? goal.place.securityGroupIds : [];
    const verdict = evaluateSecurityGroups(
      index,
      from.place.securityGroupIds,
      'egress',
      { address: packet.destination, securityGroupIds: peerGroups },
      packet.protocol,
      packet.port,
      from.place.node,
    );
    senderSteps.push(verdict.step);
    if (verdict.kind !== 'allow') {
      const outcome: WalkOutcome = {
        disposition: verdict.kind === 'deny' ? 'DENIED_BY_SECURITY_GROUP' : 'UNKNOWN',
        hops: [],
        reason: verdict.reason,
      };
      return { from, packet, session, outcome, senderSteps, hops: [] };
    }
  }
  const outcome = walk(index, from.place, packet, goal, session);
  return { from, packet, session, outcome, ...(reached ? { reached } : {}), senderSteps, hops: outcome.hops };
}
