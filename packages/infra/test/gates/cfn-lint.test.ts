import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findStep, type MoatConfig, type Step, steps, synthesizeStep } from '../../src/index.js';
import { DESIGN_STEP_IDS, exampleDesigns } from '../support/example-designs.js';
import { defaultConfig } from '../support/synthesized-step.js';

const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CFN_LINT_CONFIG = join(PACKAGE_ROOT, '.cfnlintrc.yaml');

const run = promisify(execFile);

/** The templates of one step, synthesized with the CDK's built-in template validation on. */
function synthesizeWithValidation(step: Step, config: MoatConfig = defaultConfig): string[] {
  const outdir = mkdtempSync(join(tmpdir(), `moat-cfn-lint-${step.id}-`));
  synthesizeStep({ step, config, outdir, nag: false, validateTemplates: true });
  return readdirSync(outdir)
    .filter((file) => file.endsWith('.template.json'))
    .map((file) => join(outdir, file));
}

/** cfn-lint's findings as text; empty when there are none (it exits non-zero on any finding). */
async function cfnLint(templates: readonly string[]): Promise<string> {
  try {
    await run('cfn-lint', ['--config-file', CFN_LINT_CONFIG, '--', ...templates], { encoding: 'utf8' });
    return '';
  } catch (error) {
    const { code, stdout, stderr, message } = error as NodeJS.ErrnoException & {
      stdout?: string;
      stderr?: string;
    };
    if (code === 'ENOENT') {
      throw new Error(
        'cfn-lint is not on the PATH: install it (pip install cfn-lint) before running the infra gates',
      );
    }
    return `${stdout ?? ''}${stderr ?? ''}` || message;
  }
}

describe('cfn-lint gate', () => {
  const templates: string[] = [];

  // One synthesis per test, so the worker stays responsive; one cfn-lint run for all (it starts slowly).
  it.each(steps.filter((step) => step.id > 1).map((step) => [step.id, step.slug, step] as const))(
    'synthesizes step %i (%s) with the CDK template validation on',
    (_id, _slug, step) => {
      const stepTemplates = synthesizeWithValidation(step);
      expect(stepTemplates.length).toBeGreaterThan(0);
      templates.push(...stepTemplates);
    },
  );

  it('finds no error and no warning in any template of steps 2 to 10', async () => {
    // 1 stack in steps 2–5, 3 stacks in steps 6–10.
    expect(templates).toHaveLength(4 * 1 + 5 * 3);
    expect(await cfnLint(templates)).toBe('');
  });

  const designs = exampleDesigns();
  const designTemplates: string[] = [];
  it.each(designs.flatMap(([file, config]) => DESIGN_STEP_IDS.map((id) => [file, id, config] as const)))(
    'synthesizes the design of examples/%s at step %i with the CDK template validation on',
    (_file, id, config) => {
      const step = findStep(id);
      if (step === undefined) throw new Error(`no step ${id}`);
      designTemplates.push(...synthesizeWithValidation(step, config));
    },
  );

  it('finds no error and no warning in the templates of the example designs', async () => {
    // 1 stack in step 3, 3 stacks in steps 6, 7 and 10.
    expect(designTemplates).toHaveLength(designs.length * (1 + 3 * 3));
    expect(await cfnLint(designTemplates)).toBe('');
  });

  it('reports a template with a finding, so that a clean result means something', async () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'moat-cfn-lint-broken-')), 'broken.template.json');
    writeFileSync(
      broken,
      JSON.stringify({ Resources: { Vpc: { Type: 'AWS::EC2::NotAVpc', Properties: {} } } }),
    );
    expect(await cfnLint([broken])).toMatch(/E3006/);
  });
});
