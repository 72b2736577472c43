import { parseCidr, parseIpv4 } from '../ip.js';
import type { AddressSpec, PortSpec } from './syntax.js';

/** A rule Suricata would refuse to load; the message names the part at fault. */
export class SuricataSyntaxError extends Error {}

/**
 * Splits a bracketed list on its top-level commas: `[a, [b, c], !d]` → `a`, `[b, c]`, `!d`.
 * https://docs.suricata.io/en/suricata-7.0.8/rules/intro.html#source-and-destination
 */
function listItems(text: string, what: string): string[] {
  const inner = text.slice(1, -1);
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < inner.length; index += 1) {
    const character = inner[index];
    if (character === '[') depth += 1;
    else if (character === ']') depth -= 1;
    else if (character === ',' && depth === 0) {
      items.push(inner.slice(start, index).trim());
      start = index + 1;
    }
    if (depth < 0) throw new SuricataSyntaxError(`${what} '${text}' has an unmatched ']'`);
  }
  if (depth !== 0) throw new SuricataSyntaxError(`${what} '${text}' has an unmatched '['`);
  items.push(inner.slice(start).trim());
  if (items.some((item) => item === '')) throw new SuricataSyntaxError(`${what} '${text}' has an empty item`);
  return items;
}

const isBracketed = (text: string): boolean => text.startsWith('[') && text.endsWith(']');
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `!`, groups, `$VAR`, `@REFERENCE`, `any`, IPv4 addresses, CIDRs, netmasks and ranges, IPv6. */
export function parseAddress(input: string): AddressSpec {
  const text = input.trim();
  if (text === '') throw new SuricataSyntaxError('an address is empty');
  if (text.toLowerCase() === 'any') return { kind: 'any' };
  if (text.startsWith('!')) return { kind: 'not', spec: parseAddress(text.slice(1)) };
  if (isBracketed(text)) return { kind: 'group', items: listItems(text, 'address').map(parseAddress) };
  if (text.startsWith('$') && VARIABLE.test(text.slice(1))) return { kind: 'variable', name: text.slice(1) };
  if (text.startsWith('@') && VARIABLE.test(text.slice(1))) return { kind: 'reference', name: text.slice(1) };
  if (text.includes(':')) {
    if (/^[0-9A-Fa-f:.]+(\/\d{1,3})?$/.test(text)) return { kind: 'ipv6', text };
    throw new SuricataSyntaxError(`'${text}' is not an address`);
  }
  return ipv4(text);
}

function ipv4(text: string): AddressSpec {
  const range = /^([\d.]+)-([\d.]+)$/.exec(text);
  if (range !== null) {
    const first = parseIpv4(range[1] ?? '');
    const last = parseIpv4(range[2] ?? '');
    if (first === undefined || last === undefined || first > last)
      throw new SuricataSyntaxError(`'${text}' is not an address range`);
    return { kind: 'ipv4', text, first, last };
  }
  const [address = '', mask] = text.split('/');
  const netmask = mask?.includes('.') ? prefixOfNetmask(mask) : undefined;
  const cidr = parseCidr(netmask === undefined ? text : `${address}/${netmask}`);
  if (cidr === undefined) throw new SuricataSyntaxError(`'${text}' is not an IPv4 address or CIDR block`);
  return { kind: 'ipv4', text, first: cidr.first, last: cidr.last };
}

/** `255.255.255.0` → 24; Suricata accepts a netmask after the slash. */
function prefixOfNetmask(mask: string): number {
  const value = parseIpv4(mask);
  if (value === undefined) throw new SuricataSyntaxError(`'${mask}' is not a netmask`);
  const bits = value.toString(2).padStart(32, '0');
  if (!/^1*0*$/.test(bits)) throw new SuricataSyntaxError(`'${mask}' is not a netmask`);
  return bits.indexOf('0') === -1 ? 32 : bits.indexOf('0');
}

const MAX_PORT = 65535;

/**
 * `!`, groups, `$VAR`, `any`, `80`, `80:82`, `1024:` and `:1023`.
 * https://docs.suricata.io/en/suricata-7.0.8/rules/intro.html#ports-source-and-destination
 */
export function parsePorts(input: string): PortSpec {
  const text = input.trim();
  if (text === '') throw new SuricataSyntaxError('a port is empty');
  if (text.toLowerCase() === 'any') return { kind: 'any' };
  if (text.startsWith('!')) return { kind: 'not', spec: parsePorts(text.slice(1)) };
  if (isBracketed(text)) return { kind: 'group', items: listItems(text, 'port').map(parsePorts) };
  if (text.startsWith('$') && VARIABLE.test(text.slice(1))) return { kind: 'variable', name: text.slice(1) };
  const range = /^(\d*)\s*:\s*(\d*)$/.exec(text);
  if (range !== null && (range[1] !== '' || range[2] !== '')) {
    return portRange(
      text,
      range[1] === '' ? 0 : Number(range[1]),
      range[2] === '' ? MAX_PORT : Number(range[2]),
    );
  }
  if (/^\d+$/.test(text)) return portRange(text, Number(text), Number(text));
  throw new SuricataSyntaxError(`'${text}' is not a port`);
}

function portRange(text: string, first: number, last: number): PortSpec {
  if (first > last || last > MAX_PORT) throw new SuricataSyntaxError(`'${text}' is not a port range`);
  return { kind: 'range', first, last };
}
