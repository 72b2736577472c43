import type { Rule } from './rule.js';

/** The text of docs/RULES.md for `rules`: an index table, then each rule's rationale and fix. */
export function renderRulesDoc(rules: readonly Rule[]): string {
  const index = rules.map(
    (rule) => `| [${rule.id}](#${rule.id.toLowerCase()}) | ${rule.severity} | ${rule.title} |`,
  );
  const sections = rules.map((rule) =>
    [
      `## ${rule.id}`,
      '',
      `**${rule.title}** — severity: ${rule.severity}`,
      '',
      rule.rationale,
      '',
      `**How to fix:** ${rule.fix}`,
    ].join('\n'),
  );
  return [
    '# Network invariants',
    '',
    '<!-- Generated from packages/analyzer/src/analyses/invariants/rules by `npm run rules:doc -w @moat/analyzer`. Do not edit by hand. -->',
    '',
    '`moat verify` checks every rule below against the network model built from a cloud assembly. Each finding names',
    'the resource (stack, logical ID, construct path), the setting at fault and the fix. A rule that cannot decide',
    'because a template value is unresolved reports an *undetermined* warning instead of passing. Rule ids are stable:',
    'a retired rule keeps its id, unused.',
    '',
    '| id | severity | rule |',
    '|---|---|---|',
    ...index,
    '',
    sections.join('\n\n'),
    '',
  ].join('\n');
}
