/**
 * IPv4 CIDR arithmetic for the addressing plan and the config validator. Addresses are unsigned 32-bit
 * integers so that containment and overlap are plain comparisons.
 */

export interface Ipv4Block {
  /** The first address of the block, as an unsigned 32-bit integer. */
  readonly network: number;
  readonly prefixLength: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses "10.0.1.10"; throws on anything else (callers validate user input with zod first). */
export function parseIpv4(text: string): number {
  const match = IPV4.exec(text);
  const octets = match?.slice(1).map(Number);
  if (octets === undefined || octets.some((octet) => octet > 255)) {
    throw new Error(`"${text}" is not an IPv4 address`);
  }
  return octets.reduce((value, octet) => value * 256 + octet, 0);
}

export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

/** Parses "10.0.0.0/16". Host bits must be zero: "10.0.0.1/16" is a typo for a block, not a block. */
export function parseCidr(text: string): Ipv4Block {
  const [address = '', prefix = '', ...rest] = text.split('/');
  const prefixLength = Number(prefix);
  if (rest.length > 0 || !/^\d{1,2}$/.test(prefix) || prefixLength > 32) {
    throw new Error(`"${text}" is not an IPv4 CIDR block`);
  }
  const network = parseIpv4(address);
  if (network % blockSize(prefixLength) !== 0) {
    throw new Error(
      `"${text}" has host bits set; the block is ${formatCidr(alignedBlock(network, prefixLength))}`,
    );
  }
  return { network, prefixLength };
}

export function formatCidr(block: Ipv4Block): string {
  return `${formatIpv4(block.network)}/${block.prefixLength}`;
}

/** The block of the given prefix length that contains `address` (host bits cleared). */
export function alignedBlock(address: number, prefixLength: number): Ipv4Block {
  return { network: address - (address % blockSize(prefixLength)), prefixLength };
}

/** The number of addresses in a block of this prefix length. */
export function blockSize(prefixLength: number): number {
  return 2 ** (32 - prefixLength);
}

/** The last address of the block (its broadcast address). */
export function lastAddress(block: Ipv4Block): number {
  return block.network + blockSize(block.prefixLength) - 1;
}

export function containsAddress(block: Ipv4Block, address: number): boolean {
  return address >= block.network && address <= lastAddress(block);
}

/** True when `inner` lies entirely within `outer`. */
export function containsBlock(outer: Ipv4Block, inner: Ipv4Block): boolean {
  return containsAddress(outer, inner.network) && containsAddress(outer, lastAddress(inner));
}

export function overlaps(a: Ipv4Block, b: Ipv4Block): boolean {
  return a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/**
 * The `index`-th block of length `prefixLength` inside `block` (0 = the first). Throws when the block
 * does not have that many: the addressing plan checks capacity before it asks.
 */
export function subdivide(block: Ipv4Block, prefixLength: number, index: number): Ipv4Block {
  const count = prefixLength >= block.prefixLength ? 2 ** (prefixLength - block.prefixLength) : 0;
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new Error(`${formatCidr(block)} has no /${prefixLength} number ${index} (it holds ${count})`);
  }
  return { network: block.network + index * blockSize(prefixLength), prefixLength };
}
