import type { Source, Subnet } from '../../../model/types.js';
import type { Disposition, Hop, Step } from '../../types.js';
import type { Forward, Session, Stop, WalkOutcome } from './types.js';

/** Hops, outcomes and sessions as every element module builds them. */

export const azOf = (subnet: Subnet | undefined): string | undefined =>
  subnet?.availabilityZone.known ? subnet.availabilityZone.value : undefined;

export const subnetHop = (kind: string, node: Source, subnet: Subnet | undefined, steps: Step[]): Hop => {
  const availabilityZone = azOf(subnet);
  return { kind, node, ...(availabilityZone ? { availabilityZone } : {}), steps };
};

/** The walk ends at its last hop with this disposition. */
export const stopped = (hops: Hop[], disposition: Disposition, reason: string): Stop => ({
  kind: 'stop',
  outcome: { disposition, hops, reason },
});

/** The walk ends with this outcome. */
export const ended = (outcome: WalkOutcome): Stop => ({ kind: 'stop', outcome });

/** A flow that ends before its first connection (or at a hop no connection reached). */
export const failed = (disposition: Disposition, reason: string, hops: Hop[] = []): Forward => ({
  disposition,
  hops,
  legs: [],
  reason,
});

export const newSession = (assumptions: string[]): Session => ({
  reply: false,
  crossings: [],
  tgwAz: new Map(),
  assumptions,
});
