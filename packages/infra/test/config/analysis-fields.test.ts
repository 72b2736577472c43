import { describe, expect, it } from 'vitest';
import { type ConfigIssue, validateConfig } from '../../src/config/index.js';
import { LAST_STEP_ID } from '../../src/config/schema.js';
import { steps } from '../../src/steps/catalog.js';

function issuesOf(input: unknown): readonly ConfigIssue[] {
  const result = validateConfig(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return result.issues;
}

const flow = { name: 'admin', from: 'internet', to: 'task', port: 22, expect: 'NOT_REACHABLE_FROM_INTERNET' };

describe('the config fields that feed the analyzer', () => {
  it('says "a list" and "a mapping", with the right article, for a value of the wrong shape', () => {
    expect(
      issuesOf({ flows: { a: 1 }, cidrs: 5 }).map(({ path, problem, fix }) => ({ path, problem, fix })),
    ).toEqual([
      {
        path: 'cidrs',
        problem: 'is not a mapping of keys to values',
        fix: 'use a mapping of keys to values',
      },
      { path: 'flows', problem: 'is not a list', fix: 'use a list' },
    ]);
    expect(issuesOf({ waf: { rateLimit: 'many' } })).toMatchObject([
      { path: 'waf.rateLimit', problem: 'is not a number', fix: 'use a number' },
    ]);
  });

  it('accepts a flow limited to steps, and a flow without steps for every step', () => {
    const result = validateConfig({ flows: [{ ...flow, steps: [7, 8, 9, 10] }, flow] });
    expect(result.ok && result.config.flows.map((entry) => entry.steps)).toEqual([[7, 8, 9, 10], undefined]);
  });

  it('rejects step 1, which has no AWS, and a step past the last one, in flows[].steps', () => {
    expect(issuesOf({ flows: [{ ...flow, steps: [1, 11] }] })).toEqual([
      {
        path: 'flows[0].steps[0]',
        received: 1,
        problem: 'is too small',
        fix: 'use step ids from 2 to 10: step 1 has no AWS',
        severity: 'error',
      },
      {
        path: 'flows[0].steps[1]',
        received: 11,
        problem: 'is too large',
        fix: 'use step ids from 2 to 10',
        severity: 'error',
      },
    ]);
  });

  it('keeps LAST_STEP_ID the id of the last step of the catalog', () => {
    expect(steps.map((step) => step.id)).toEqual(
      Array.from({ length: LAST_STEP_ID }, (_, index) => index + 1),
    );
  });

  it('accepts an acknowledgement with a rule, a resource and a reason, trimming the reason', () => {
    const result = validateConfig({
      acknowledge: [
        { rule: 'NET006', resource: 'MoatWorkload/Bastion', reason: '  SSH from the office VPN only  ' },
      ],
    });
    expect(result.ok && result.config.acknowledge).toEqual([
      { rule: 'NET006', resource: 'MoatWorkload/Bastion', reason: 'SSH from the office VPN only' },
    ]);
  });

  it('rejects an acknowledgement without a reason, with a reason under 10 characters, or of an unknown rule shape', () => {
    expect(
      issuesOf({
        acknowledge: [
          { rule: 'NET006', resource: 'Sg' },
          { rule: 'NET006', resource: 'Sg', reason: ' ok, fine ' },
          { rule: 'AwsSolutions-EC23', resource: 'Sg', reason: 'a long enough reason' },
        ],
      }),
    ).toEqual([
      {
        path: 'acknowledge[0].reason',
        received: undefined,
        problem: 'is required',
        fix: 'use a string',
        severity: 'error',
      },
      {
        path: 'acknowledge[1].reason',
        received: 'ok, fine',
        problem: 'is too small',
        fix: 'say why the finding is accepted, in at least 10 characters',
        severity: 'error',
      },
      {
        path: 'acknowledge[2].rule',
        received: 'AwsSolutions-EC23',
        problem: 'is not in the expected format',
        fix: 'use an invariant id such as "NET006" (see docs/RULES.md)',
        severity: 'error',
      },
    ]);
  });
});
