import { type AddressRange, type Cidr, formatIpv4, rangeWithin } from '../../model/ip.js';
import type { ElementId, Resolved } from '../../model/types.js';

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
