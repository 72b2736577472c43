/** IPv4 CIDR arithmetic, enough to decide containment and overlap. IPv6 blocks are reported as unsupported. */

export interface Ipv4Range {
  readonly first: number;
  readonly last: number;
}

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** The address range of an IPv4 CIDR or a bare address (a /32), or undefined when `text` is not one. */
export function parseIpv4Range(text: string): Ipv4Range | undefined {
  const match = IPV4_CIDR.exec(text.includes('/') ? text : `${text}/32`);
  if (match === null) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (prefix > 32 || octets.some((octet) => octet > 255)) return undefined;
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const size = 2 ** (32 - prefix);
  const first = address - (address % size);
  return { first, last: first + size - 1 };
}

export const rangeContains = (outer: Ipv4Range, inner: Ipv4Range): boolean =>
  outer.first <= inner.first && inner.last <= outer.last;

/** True when the union of `outers` covers `inner` (the ranges may be adjacent rather than one block). */
export function rangesCover(outers: readonly Ipv4Range[], inner: Ipv4Range): boolean {
  let next = inner.first;
  for (const outer of [...outers].sort((a, b) => a.first - b.first)) {
    if (outer.first > next) break;
    next = Math.max(next, outer.last + 1);
    if (next > inner.last) return true;
  }
  return false;
}

/**
 * The private ranges an ALB accepts as IP targets outside its VPC: RFC 1918 and RFC 6598 (100.64.0.0/10).
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-type
 */
export const PRIVATE_TARGET_RANGES: readonly Ipv4Range[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
]
  .map(parseIpv4Range)
  .filter((range): range is Ipv4Range => range !== undefined);

/** Any IPv4 or IPv6 address: `0.0.0.0/0` or `::/0`. */
export const isAnyAddress = (cidr: string): boolean => cidr === '0.0.0.0/0' || cidr === '::/0';
