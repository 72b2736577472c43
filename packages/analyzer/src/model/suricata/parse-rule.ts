import { parseAddress, parsePorts, SuricataSyntaxError } from './parse-header.js';
import { metaValue, parseOptions } from './parse-options.js';
import type { ActionScope, Direction, RuleAction, SuricataRule } from './syntax.js';

const ACTIONS = new Set<RuleAction>([
  'alert',
  'pass',
  'drop',
  'reject',
  'rejectsrc',
  'rejectdst',
  'rejectboth',
]);

/**
 * Takes the next header field the way Suricata does: up to a space that is not inside `[...]`.
 * https://docs.suricata.io/en/suricata-7.0.8/rules/intro.html
 */
function takeField(text: string, from: number): { field: string; next: number } {
  let index = from;
  while (index < text.length && /\s/.test(text[index] ?? '')) index += 1;
  const start = index;
  let depth = 0;
  while (index < text.length) {
    const character = text[index] ?? '';
    if (character === '[') depth += 1;
    else if (character === ']') depth -= 1;
    else if (/\s/.test(character) && depth === 0) break;
    else if (character === '(' && depth === 0) break;
    index += 1;
  }
  return { field: text.slice(start, index), next: index };
}

/**
 * Parses one rule: `action protocol source port direction destination port (options)`.
 * Throws `SuricataSyntaxError` naming what Suricata would reject.
 */
export function parseRule(text: string): SuricataRule {
  const fields: string[] = [];
  let position = 0;
  for (const name of [
    'action',
    'protocol',
    'source',
    'source port',
    'direction',
    'destination',
    'destination port',
  ]) {
    const { field, next } = takeField(text, position);
    if (field === '') throw new SuricataSyntaxError(`the rule has no ${name}`);
    if (name === 'direction' && field !== '->' && field !== '<>')
      throw new SuricataSyntaxError(`'${field}' is not a direction: Suricata accepts '->' and '<>'`);
    fields.push(field);
    position = next;
  }
  const [
    action = '',
    protocol = '',
    source = '',
    sourcePorts = '',
    direction = '',
    destination = '',
    destinationPorts = '',
  ] = fields;
  const rest = text.slice(position).trim();
  if (!rest.startsWith('(') || !rest.endsWith(')'))
    throw new SuricataSyntaxError(
      `the options must follow the header in parentheses, found '${rest.slice(0, 40)}'`,
    );
  const options = parseOptions(rest.slice(1, -1));
  const sid = Number(metaValue(options, 'sid'));
  if (!Number.isInteger(sid) || sid <= 0) throw new SuricataSyntaxError('the rule has no sid');
  const msg = metaValue(options, 'msg');
  return {
    ...parseAction(action),
    protocol: protocol.toLowerCase(),
    source: parseAddress(source),
    sourcePorts: parsePorts(sourcePorts),
    direction: direction as Direction,
    destination: parseAddress(destination),
    destinationPorts: parsePorts(destinationPorts),
    options,
    sid,
    ...(msg !== undefined ? { msg } : {}),
  };
}

function parseAction(text: string): { action: RuleAction; scope?: ActionScope } {
  const [name = '', scope] = text.toLowerCase().split(':');
  if (!ACTIONS.has(name as RuleAction)) throw new SuricataSyntaxError(`'${text}' is not a rule action`);
  if (scope === undefined) return { action: name as RuleAction };
  if ((scope !== 'packet' && scope !== 'flow') || name === 'alert')
    throw new SuricataSyntaxError(`'${text}': only pass, drop and reject take a scope, packet or flow`);
  return { action: name as RuleAction, scope };
}
