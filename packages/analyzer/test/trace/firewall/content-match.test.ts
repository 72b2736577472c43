import { describe, expect, it } from 'vitest';
import { contentsMatch, transformed } from '../../../src/analyses/trace/firewall/content-match.js';
import type { ContentMatch } from '../../../src/model/suricata/syntax.js';

const content = (pattern: string, more: Partial<ContentMatch> = {}): ContentMatch => ({
  pattern,
  negated: false,
  nocase: false,
  startswith: false,
  endswith: false,
  ...more,
});
const exact = (value: string) => ({ kind: 'exact', value }) as const;

describe('content matching on a buffer', () => {
  it('finds a content anywhere unless anchored: dotprefix `.microsoft.com` matches maps.microsoft.com.au', () => {
    // The transforms page's own example. https://docs.suricata.io/en/suricata-7.0.8/rules/transforms.html#dotprefix
    const dotted = transformed(exact('maps.microsoft.com.au'), ['dotprefix']);
    expect(contentsMatch(dotted, [content('.microsoft.com')], 'sni')).toBe(true);
    expect(contentsMatch(dotted, [content('.microsoft.com', { endswith: true })], 'sni')).toBe(false);
    expect(
      contentsMatch(
        transformed(exact('windows.update.fakemicrosoft.com'), ['dotprefix']),
        [content('.microsoft.com')],
        'sni',
      ),
    ).toBe(false);
  });

  it('honours nocase, startswith and endswith together as an exact match', () => {
    const checkip = content('checkip.amazonaws.com', { startswith: true, endswith: true, nocase: true });
    expect(contentsMatch(exact('CheckIP.amazonaws.com'), [checkip], 'sni')).toBe(true);
    expect(contentsMatch(exact('checkip.amazonaws.com.evil'), [checkip], 'sni')).toBe(false);
    expect(contentsMatch(exact('CheckIP.amazonaws.com'), [{ ...checkip, nocase: false }], 'sni')).toBe(false);
  });

  it('matches contents in order, relative ones after the previous match, trying later occurrences', () => {
    const buffer = exact('ssm.eu-central-1.amazonaws.com');
    expect(
      contentsMatch(
        buffer,
        [content('ssm.', { startswith: true }), content('.amazonaws.com', { endswith: true })],
        'sni',
      ),
    ).toBe(true);
    expect(
      contentsMatch(exact('a.b.a.c'), [content('a'), content('c', { distance: 1, within: 2 })], 'x'),
    ).toBe(true);
    expect(contentsMatch(exact('a.b.a.c'), [content('a'), content('c', { within: 2 })], 'x')).toBe(true);
    expect(contentsMatch(exact('a.b.c'), [content('a'), content('c', { within: 2 })], 'x')).toBe(false);
    expect(contentsMatch(exact('abcdef'), [content('cd', { offset: 2, depth: 2 })], 'x')).toBe(true);
    expect(contentsMatch(exact('abcdef'), [content('cd', { offset: 3 })], 'x')).toBe(false);
  });

  it('requires a negated content to be absent', () => {
    expect(contentsMatch(exact('user@host'), [content('@', { negated: true })], 'ssh')).toBe(false);
    expect(contentsMatch(exact('AWS_SFTP'), [content('@', { negated: true })], 'ssh')).toBe(true);
  });

  it('decides on a partly known buffer only what the known part settles', () => {
    const names = {
      kind: 'partial',
      prefix: '\r\n',
      suffix: '\r\n\r\n',
      contains: ['\r\nHost\r\n'],
      what: 'HTTP header names',
    } as const;
    expect(contentsMatch(names, [content('\r\n', { startswith: true })], 'names')).toBe(true);
    expect(contentsMatch(names, [content('\r\nHost\r\n')], 'names')).toBe(true);
    expect(contentsMatch(names, [content('Host', { startswith: true })], 'names')).toBe(false);
    expect(contentsMatch(names, [content('User-Agent')], 'names')).toEqual({
      unknown: 'names: Moat knows only part of the HTTP header names',
    });
  });

  it('never matches a buffer the packet does not carry, and does not guess one it does not know', () => {
    expect(contentsMatch({ kind: 'absent', why: 'no' }, [content('x', { negated: true })], 'b')).toBe(false);
    expect(
      contentsMatch(
        { kind: 'unknown', reason: 'Moat does not know the JA3 fingerprint' },
        [content('x')],
        'the ja3.hash',
      ),
    ).toEqual({
      unknown: 'the ja3.hash: Moat does not know the JA3 fingerprint',
    });
  });
});
