import { known, type Resolved, unknown } from '../types.js';
import { SuricataSyntaxError } from './parse-header.js';
import { parseRule } from './parse-rule.js';
import type { SuricataRule } from './syntax.js';

/** One rule of a rule group, as written, and what Moat could make of it. */
export interface ParsedRule {
  readonly text: string;
  readonly rule: Resolved<SuricataRule>;
}

/** Parses one rule; a rule Suricata would reject is unknown, with the reason. */
export function parseRuleText(text: string): ParsedRule {
  try {
    return { text, rule: known(parseRule(text)) };
  } catch (error) {
    if (error instanceof SuricataSyntaxError)
      return { text, rule: unknown(`the rule does not parse: ${error.message}`) };
    throw error;
  }
}

/**
 * A `RulesString`: one rule per line, `#` comments, blank lines, and `\` at the end of a line to continue it.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateful-rule-groups-ips.html
 */
export function parseRulesString(rulesString: string): ParsedRule[] {
  const rules: ParsedRule[] = [];
  let pending = '';
  for (const line of rulesString.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (pending === '' && (trimmed === '' || trimmed.startsWith('#'))) continue;
    if (trimmed.endsWith('\\')) {
      pending += `${trimmed.slice(0, -1)} `;
      continue;
    }
    rules.push(parseRuleText(pending + trimmed));
    pending = '';
  }
  if (pending.trim() !== '') rules.push(parseRuleText(pending.trim()));
  return rules;
}
