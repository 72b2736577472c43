import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { parseProfiles } from '../../src/aws/profiles.js';
import { ConfirmError } from '../../src/errors.js';
import type { RunPlan } from '../../src/run-confirm.js';
import { runConfirm } from '../../src/run-confirm.js';
import { TEST_CREDENTIALS } from '../support/deploy-step.js';

const STEPS_DOC = new URL('../../../../docs/steps.md', import.meta.url);

/** docs/steps.md's "What one run costs" table: step range → analyses, price, probe tasks. */
function documentedCosts(): Map<string, { analyses: number; usd: string; probeTasks: number }> {
  const text = readFileSync(STEPS_DOC, 'utf8');
  const table = text.slice(text.indexOf('**What one run costs.**'));
  const rows = new Map<string, { analyses: number; usd: string; probeTasks: number }>();
  for (const match of table.matchAll(/^\| (\d+(?:–\d+)?) +\| (\d+) +\| \$(\d+\.\d\d) +\| (\d+) +\|/gm)) {
    rows.set(match[1] ?? '', {
      analyses: Number(match[2]),
      usd: match[3] ?? '',
      probeTasks: Number(match[4]),
    });
  }
  return rows;
}

/** What `moat confirm` would run for a step deployed in moto: the plan it shows before asking. */
async function planOf(id: '2' | '3' | '4' | '5' | '6'): Promise<RunPlan> {
  const { assembly, moto } = inject('deployed')[id];
  let shown: RunPlan | undefined;
  await expect(
    runConfirm({
      assemblyDir: assembly,
      profiles: parseProfiles(undefined, {}),
      settings: { endpoint: moto, credentials: TEST_CREDENTIALS },
      keep: false,
      // Every internet host resolves, as from a machine with DNS: an unresolved host would skip its path.
      resolve: async () => '203.0.113.10',
      approve: async (plan) => {
        shown = plan;
        return false;
      },
      progress: () => {},
    }),
  ).rejects.toThrow(ConfirmError);
  if (shown === undefined) throw new Error('approve was not asked');
  return shown;
}

describe('the cost of one moat confirm run, as docs/steps.md states it', () => {
  it.each([
    ['2', '2'],
    ['3', '3'],
    ['4', '4–6'],
    ['5', '4–6'],
    ['6', '4–6'],
  ] as const)(
    'step %s: the count of analyses, their price and the probe tasks (row %s)',
    async (id, steps) => {
      const row = documentedCosts().get(steps);
      const plan = await planOf(id);
      expect({ analyses: plan.analyses, usd: plan.usd.toFixed(2), probeTasks: plan.probeTasks }).toEqual(row);
    },
  );
});
