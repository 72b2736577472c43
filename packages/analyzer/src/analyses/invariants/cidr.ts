import type { AddressRange } from '../../model/ip.js';

/** True when the union of `outers` covers `inner`: HOME_NET may list adjacent blocks rather than one supernet. */
export function rangesCover(outers: readonly AddressRange[], inner: AddressRange): boolean {
  let next = inner.first;
  for (const outer of [...outers].sort((a, b) => a.first - b.first)) {
    if (outer.first > next) break;
    next = Math.max(next, outer.last + 1);
    if (next > inner.last) return true;
  }
  return false;
}

/** Any IPv4 or IPv6 address: `0.0.0.0/0` or `::/0`. */
export const isAnyAddress = (cidr: string): boolean => cidr === '0.0.0.0/0' || cidr === '::/0';
