import type { NetworkAcl } from '../../model/types.js';
import { type Address, addressWithin, describeAddress } from './address.js';
import type { ModelIndex } from './model-index.js';
import type { FilterVerdict } from './security-groups.js';

/** The destination ports of a reply: the client's ephemeral range. NAT gateways use 1024–65535. */
export const EPHEMERAL_PORTS = { from: 1024, to: 65535 } as const;

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Network ACLs are stateless and ordered: the lowest-numbered rule that matches decides, and a packet no rule
 * matches is denied (the `*` rule). A reply is checked like any other packet, on its ephemeral port range; a
 * rule must allow the whole range, since the client picks the port.
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html#nacl-ephemeral-ports
 */
export function evaluateNetworkAcl(
  index: ModelIndex,
  acl: NetworkAcl,
  direction: 'ingress' | 'egress',
  remote: Address,
  protocol: 'tcp' | 'udp',
  ports: PortRange,
): FilterVerdict {
  const portText = ports.from === ports.to ? `${ports.from}` : `${ports.from}-${ports.to}`;
  const what = `${direction === 'ingress' ? 'in' : 'out'} ${protocol}/${portText} ${direction === 'ingress' ? 'from' : 'to'} ${describeAddress(remote)}`;
  for (const entry of acl.entries) {
    if (entry.direction !== direction) continue;
    if (entry.protocol !== 'all' && entry.protocol !== protocol) continue;
    if (entry.protocol !== 'all' && (ports.to < entry.fromPort || ports.from > entry.toPort)) continue;
    const cidr = index.cidr(entry.cidr);
    if (cidr === undefined) {
      return {
        kind: 'unknown',
        step: { action: 'nacl undecided', detail: `rule ${entry.ruleNumber}`, source: entry.source },
        reason: entry.cidr.known
          ? `NACL rule ${entry.ruleNumber} has CIDR '${entry.cidr.value}'`
          : entry.cidr.reason,
      };
    }
    if (!addressWithin(remote, cidr)) continue;
    const covers = entry.protocol === 'all' || (entry.fromPort <= ports.from && entry.toPort >= ports.to);
    const step = {
      action: `nacl ${direction === 'ingress' ? 'in' : 'out'}`,
      detail: `rule ${entry.ruleNumber} ${entry.action} ${entry.cidr.known ? entry.cidr.value : '?'} (${acl.source.logicalId}): ${what}`,
      source: entry.source,
    };
    if (entry.action === 'allow' && covers) return { kind: 'allow', step };
    return {
      kind: 'deny',
      step,
      reason:
        entry.action === 'allow'
          ? `network ACL ${acl.source.logicalId} rule ${entry.ruleNumber} allows only ports ${entry.fromPort}-${entry.toPort} of ${what}`
          : `network ACL ${acl.source.logicalId} rule ${entry.ruleNumber} denies ${what}`,
    };
  }
  return {
    kind: 'deny',
    step: {
      action: `nacl ${direction === 'ingress' ? 'in' : 'out'}`,
      detail: `rule * deny (${acl.source.logicalId}): ${what}`,
    },
    reason: `network ACL ${acl.source.logicalId} has no rule allowing ${what}; the final * rule denies it`,
  };
}
