import type { ContentMatch } from '../../../model/suricata/syntax.js';
import type { BufferValue } from './buffers.js';
import { allOf, type Truth, unknownTruth } from './truth.js';

/**
 * Applies a buffer's transforms. `dotprefix` prepends a `.` so that `.example.com` matches example.com and
 * its subdomains; `to_lowercase` and `strip_whitespace` do what they say.
 * https://docs.suricata.io/en/suricata-7.0.8/rules/transforms.html
 */
export function transformed(value: BufferValue, transforms: readonly string[]): BufferValue {
  let current = value;
  for (const transform of transforms) current = transformOnce(current, transform);
  return current;
}

function transformOnce(value: BufferValue, transform: string): BufferValue {
  if (value.kind === 'absent' || value.kind === 'unknown') return value;
  if (transform === 'dotprefix') {
    return value.kind === 'exact'
      ? { kind: 'exact', value: `.${value.value}` }
      : { ...value, prefix: `.${value.prefix}` };
  }
  if (transform === 'to_lowercase') {
    return value.kind === 'exact'
      ? { kind: 'exact', value: value.value.toLowerCase() }
      : {
          ...value,
          prefix: value.prefix.toLowerCase(),
          suffix: value.suffix.toLowerCase(),
          contains: value.contains.map((part) => part.toLowerCase()),
        };
  }
  if (transform === 'strip_whitespace' && value.kind === 'exact')
    return { kind: 'exact', value: value.value.replace(/\s+/g, '') };
  return { kind: 'unknown', reason: `Moat does not apply the ${transform} transform` };
}

const fold = (text: string, nocase: boolean): string => (nocase ? text.toLowerCase() : text);

/**
 * The contents a rule inspects one buffer with, in order: each positive content must be found where its
 * modifiers say (startswith, endswith, offset, depth; distance and within relative to the previous match),
 * trying later occurrences when a following content fails; a negated content must not be found there.
 * https://docs.suricata.io/en/suricata-7.0.8/rules/payload-keywords.html
 */
export function contentsMatch(
  value: BufferValue,
  contents: readonly ContentMatch[],
  describe: string,
): Truth {
  switch (value.kind) {
    case 'absent':
      return false;
    case 'unknown':
      return unknownTruth(`${describe}: ${value.reason}`);
    case 'exact':
      return searchFrom(value.value, contents, 0, 0);
    case 'partial':
      return allOf(contents.map((content) => partialMatch(value, content, describe)));
  }
}

function searchFrom(
  buffer: string,
  contents: readonly ContentMatch[],
  index: number,
  previousEnd: number,
): boolean {
  const content = contents[index];
  if (content === undefined) return true;
  const positions = matchPositions(buffer, content, previousEnd);
  if (content.negated) return positions.length === 0 && searchFrom(buffer, contents, index + 1, previousEnd);
  return positions.some((start) => searchFrom(buffer, contents, index + 1, start + content.pattern.length));
}

function matchPositions(buffer: string, content: ContentMatch, previousEnd: number): number[] {
  const haystack = fold(buffer, content.nocase);
  const needle = fold(content.pattern, content.nocase);
  const relative = content.distance !== undefined || content.within !== undefined;
  const from = relative ? previousEnd + (content.distance ?? 0) : (content.offset ?? 0);
  const endLimit = relative
    ? content.within === undefined
      ? Number.POSITIVE_INFINITY
      : from + content.within
    : content.depth === undefined
      ? Number.POSITIVE_INFINITY
      : from + content.depth;
  const positions: number[] = [];
  for (
    let start = haystack.indexOf(needle, Math.max(0, from));
    start !== -1;
    start = haystack.indexOf(needle, start + 1)
  ) {
    const end = start + needle.length;
    if (end > endLimit) break;
    if (content.startswith && start !== 0) break;
    if (content.endswith && end !== haystack.length) continue;
    positions.push(start);
  }
  return positions;
}

/** On a partly known buffer, a content is decided only by the part Moat knows. */
function partialMatch(
  value: Extract<BufferValue, { kind: 'partial' }>,
  content: ContentMatch,
  describe: string,
): Truth {
  const doubt = unknownTruth(`${describe}: Moat knows only part of the ${value.what}`);
  if (
    content.offset !== undefined ||
    content.depth !== undefined ||
    content.distance !== undefined ||
    content.within !== undefined
  )
    return doubt;
  const needle = fold(content.pattern, content.nocase);
  const prefix = fold(value.prefix, content.nocase);
  const suffix = fold(value.suffix, content.nocase);
  let found: Truth = doubt;
  if (content.startswith && !prefix.startsWith(needle) && !needle.startsWith(prefix)) found = false;
  else if (content.endswith && !suffix.endsWith(needle) && !needle.endsWith(suffix)) found = false;
  else if (content.startswith && !content.endswith && prefix.startsWith(needle)) found = true;
  else if (content.endswith && !content.startswith && suffix.endsWith(needle)) found = true;
  else if (
    !content.startswith &&
    !content.endswith &&
    [prefix, suffix, ...value.contains.map((part) => fold(part, content.nocase))].some((part) =>
      part.includes(needle),
    )
  )
    found = true;
  return content.negated && typeof found === 'boolean' ? !found : found;
}
