import {
  type AddressRange,
  type Cidr,
  formatIpv4,
  isPrivateRange,
  parseIpv4,
  rangeWithin,
} from '../../model/ip.js';
import type { ElementId, Resolved } from '../../model/types.js';
import type { Endpoint } from '../types.js';

/**
 * Where a packet is addressed. Tasks get their IP at run time, so a task is "somewhere in its subnet": a
 * private range. An internet host is public; without a concrete IP it matches only default routes and
 * `0.0.0.0/0` rules, never a narrower CIDR.
 */
export type Address =
  | { readonly kind: 'private'; readonly range: AddressRange; readonly label: string }
  | { readonly kind: 'public'; readonly label: string; readonly ip?: number; readonly service?: string };

export const privateAddress = (range: AddressRange, label: string): Address => ({
  kind: 'private',
  range,
  label,
});

export const describeAddress = (address: Address): string =>
  address.kind === 'public' && address.ip !== undefined ? formatIpv4(address.ip) : address.label;

/** True when the text is an IPv4 address in a private range (`isPrivateRange`). */
export const isPrivateText = (address: string): boolean => {
  const ip = parseIpv4(address);
  return ip !== undefined && isPrivateRange({ first: ip, last: ip });
};

/** The address of an endpoint outside the VPCs: an internet host, an IP, a public AWS service endpoint. */
export function publicAddress(endpoint: Endpoint): Address {
  switch (endpoint.kind) {
    case 'host': {
      const ip = endpoint.address ? parseIpv4(endpoint.address) : undefined;
      return { kind: 'public', label: endpoint.hostname, ...(ip !== undefined ? { ip } : {}) };
    }
    case 'address': {
      const ip = parseIpv4(endpoint.address);
      return { kind: 'public', label: endpoint.address, ...(ip !== undefined ? { ip } : {}) };
    }
    case 'aws-service':
      return { kind: 'public', label: `${endpoint.service} (public endpoint)`, service: endpoint.service };
    case 'internet': {
      const ip = endpoint.address ? parseIpv4(endpoint.address) : undefined;
      return { kind: 'public', label: endpoint.address ?? 'internet', ...(ip !== undefined ? { ip } : {}) };
    }
    default:
      return { kind: 'public', label: 'internet' };
  }
}

/** True when every address the packet may carry lies in the CIDR. */
export function addressWithin(address: Address, cidr: Cidr): boolean {
  if (address.kind === 'private') return rangeWithin(address.range, cidr);
  if (address.ip !== undefined) return address.ip >= cidr.first && address.ip <= cidr.last;
  return cidr.prefixLength === 0;
}

/** A network interface the packet is at: its subnet, and what the hop calls it. */
export interface Nic {
  readonly subnetId: ElementId;
  readonly securityGroupIds: readonly Resolved<ElementId>[];
  /** Has a public IPv4 address (auto-assigned, Elastic IP, internet-facing load balancer). */
  readonly publicIp: boolean;
}
