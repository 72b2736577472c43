import { describe, expect, it } from 'vitest';
import {
  containsAddress,
  containsBlock,
  formatCidr,
  formatIpv4,
  lastAddress,
  overlaps,
  parseCidr,
  parseIpv4,
  subdivide,
} from '../../src/config/cidr.js';

describe('cidr', () => {
  it('parses and formats addresses and blocks round trip', () => {
    expect(parseIpv4('10.0.1.10')).toBe(167772426);
    expect(formatIpv4(4294967295)).toBe('255.255.255.255');
    expect(formatCidr(parseCidr('172.16.0.0/12'))).toBe('172.16.0.0/12');
    expect(formatIpv4(lastAddress(parseCidr('10.0.0.0/16')))).toBe('10.0.255.255');
  });

  it('rejects an address with an octet above 255', () => {
    expect(() => parseIpv4('10.0.0.256')).toThrow('"10.0.0.256" is not an IPv4 address');
  });

  it('rejects a block with host bits set and names the aligned block', () => {
    expect(() => parseCidr('10.0.0.1/16')).toThrow(
      '"10.0.0.1/16" has host bits set; the block is 10.0.0.0/16',
    );
  });

  it('rejects a prefix length above 32', () => {
    expect(() => parseCidr('10.0.0.0/33')).toThrow('"10.0.0.0/33" is not an IPv4 CIDR block');
  });

  it('tells containment of addresses and blocks at the edges', () => {
    const block = parseCidr('10.0.0.0/24');
    expect(containsAddress(block, parseIpv4('10.0.0.255'))).toBe(true);
    expect(containsAddress(block, parseIpv4('10.0.1.0'))).toBe(false);
    expect(containsBlock(block, parseCidr('10.0.0.128/25'))).toBe(true);
    expect(containsBlock(block, parseCidr('10.0.0.0/23'))).toBe(false);
  });

  it('tells overlap in both directions and adjacency as no overlap', () => {
    expect(overlaps(parseCidr('10.0.0.0/16'), parseCidr('10.0.128.0/17'))).toBe(true);
    expect(overlaps(parseCidr('10.0.128.0/17'), parseCidr('10.0.0.0/16'))).toBe(true);
    expect(overlaps(parseCidr('10.0.0.0/16'), parseCidr('10.1.0.0/16'))).toBe(false);
  });

  it('subdivides a block into the numbered smaller block', () => {
    expect(formatCidr(subdivide(parseCidr('10.0.0.0/16'), 18, 3))).toBe('10.0.192.0/18');
    expect(formatCidr(subdivide(parseCidr('10.0.0.0/16'), 16, 0))).toBe('10.0.0.0/16');
  });

  it('fails to subdivide past the last block', () => {
    expect(() => subdivide(parseCidr('10.0.0.0/16'), 18, 4)).toThrow(
      '10.0.0.0/16 has no /18 number 4 (it holds 4)',
    );
  });
});
