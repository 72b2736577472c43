import { describe, expect, it } from 'vitest';
import { clientKey } from '../src/client-address.js';

describe('clientKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b:1::198.51.100.1', '64:ff9b:1:0::/64'],
    [undefined, 'unknown'],
  ])('counts %s as %s', (address, key) => {
    expect(clientKey(address)).toBe(key);
  });

  it('counts every address of one IPv6 /64 as one client', () => {
    expect(
      new Set(['2001:db8:5:6::1', '2001:db8:5:6:ffff::9', '2001:db8:5:6:1:2:3:4'].map(clientKey)).size,
    ).toBe(1);
  });
});
