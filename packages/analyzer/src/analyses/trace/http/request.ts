import type { HttpRequest } from '../../types.js';

/** `GET /prod/price`, and the host when the request has one: what a hop shows of a request. */
export const describeRequest = (request: HttpRequest): string =>
  `${request.method} ${request.path}${request.host === undefined ? '' : ` (host ${request.host})`}`;

/** The path of a request without its query string, and the query string without its `?`. */
export function splitTarget(target: string): { readonly path: string; readonly query?: string } {
  const mark = target.indexOf('?');
  return mark < 0 ? { path: target } : { path: target.slice(0, mark), query: target.slice(mark + 1) };
}

/**
 * An ALB wildcard value: `*` matches zero or more characters and `?` exactly one; with `escapes`, `\*` and `\?`
 * are the literal characters (query-string conditions).
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html
 */
export function wildcardMatches(
  pattern: string,
  text: string,
  options: { readonly caseInsensitive: boolean; readonly escapes?: boolean },
): boolean {
  let source = '';
  for (let at = 0; at < pattern.length; at++) {
    const char = pattern.charAt(at);
    const next = pattern.charAt(at + 1);
    if (options.escapes === true && char === '\\' && (next === '*' || next === '?')) {
      source += `\\${next}`;
      at++;
    } else if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, options.caseInsensitive ? 'is' : 's').test(text);
}

/**
 * Features ALB regular expressions do not support (rule-condition-types.html, rule-transforms.html): lookaheads,
 * lookbehinds, backreferences, atomic groups, possessive quantifiers, Unicode classes. A template with one would be
 * rejected; Moat does not guess what it means.
 */
const UNSUPPORTED_REGEX = /\(\?[=!]|\(\?<[=!]|\\[1-9]|\(\?>|(?<!\\)[*+?}]\+|\\[pP]\{/;

/** The regular expression, or why Moat does not evaluate it. */
export function albRegex(
  source: string,
  flags = '',
): { readonly regex: RegExp } | { readonly unsupported: string } {
  if (UNSUPPORTED_REGEX.test(source)) {
    return { unsupported: `the regular expression ${source} uses a feature ALB does not support` };
  }
  try {
    return { regex: new RegExp(source, flags) };
  } catch {
    return { unsupported: `${source} is not a regular expression Moat can read` };
  }
}
