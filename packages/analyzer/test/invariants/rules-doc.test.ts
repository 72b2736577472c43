import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { invariants } from '../../src/analyses/invariants/index.js';
import { renderRulesDoc } from '../../src/analyses/invariants/rules-doc.js';

describe('docs/RULES.md', () => {
  it('is what the rules generate (run `npm run rules:doc -w @moat/analyzer` after changing a rule)', () => {
    const committed = readFileSync(new URL('../../../../docs/RULES.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderRulesDoc(invariants));
  });

  it('gives every rule a section with its severity and fix', () => {
    const [first] = invariants;
    if (first === undefined) throw new Error('there are rules');
    expect(renderRulesDoc([first])).toContain(
      `## ${first.id}\n\n**${first.title}** — severity: ${first.severity}\n\n${first.rationale}\n\n**How to fix:** ${first.fix}\n`,
    );
  });
});
