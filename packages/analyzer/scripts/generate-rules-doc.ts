/** Writes docs/RULES.md from the invariants, so the document and the rules cannot drift apart. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { invariants } from '../src/analyses/invariants/index.js';
import { renderRulesDoc } from '../src/analyses/invariants/rules-doc.js';

const target = fileURLToPath(new URL('../../../docs/RULES.md', import.meta.url));
writeFileSync(target, renderRulesDoc(invariants));
process.stdout.write(`wrote ${invariants.length} rules to ${target}\n`);
