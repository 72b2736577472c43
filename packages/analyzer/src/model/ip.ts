/** IPv4 arithmetic on 32-bit unsigned numbers. IPv6 is out of Moat's scope for now. */

export interface AddressRange {
  readonly first: number;
  readonly last: number;
}

export interface Cidr extends AddressRange {
  readonly prefixLength: number;
  readonly text: string;
}

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function parseCidr(text: string): Cidr | undefined {
  const [address, length] = text.split('/');
  const base = address === undefined ? undefined : parseIpv4(address);
  const prefixLength = length === undefined ? 32 : Number(length);
  if (base === undefined || !Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > 32)
    return undefined;
  const size = 2 ** (32 - prefixLength);
  const first = base - (base % size);
  return { first, last: first + size - 1, prefixLength, text };
}

export const rangeWithin = (inner: AddressRange, outer: AddressRange): boolean =>
  inner.first >= outer.first && inner.last <= outer.last;

export const rangesOverlap = (a: AddressRange, b: AddressRange): boolean =>
  a.first <= b.last && b.first <= a.last;

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** RFC 1918 and RFC 6598 (100.64.0.0/10): addresses that never route on the internet. */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map(
  (text) => parseCidr(text) as Cidr,
);

export const isPrivateRange = (range: AddressRange): boolean =>
  PRIVATE_RANGES.some((privateRange) => rangeWithin(range, privateRange));
