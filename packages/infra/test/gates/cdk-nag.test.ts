import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { findStep, type MoatConfig, type Step, steps, synthesizeStep } from '../../src/index.js';
import { DESIGN_STEP_IDS, exampleDesigns } from '../support/example-designs.js';
import { defaultConfig } from '../support/synthesized-step.js';

const awsSteps = steps.filter((step) => step.id > 1);

/** A reason a reviewer can check: long enough to say what is accepted and why. */
const MIN_REASON_LENGTH = 60;

interface Acknowledgement {
  readonly path: string;
  readonly rule: string;
  readonly reason: string;
}

/** The cdk-nag acknowledgements recorded in an assembly's stack metadata. */
function nagAcknowledgements(outdir: string): Acknowledgement[] {
  return readdirSync(outdir)
    .filter((file) => file.endsWith('.metadata.json'))
    .flatMap((file) => {
      const metadata = JSON.parse(readFileSync(join(outdir, file), 'utf8')) as Record<
        string,
        Array<{ type: string; data: Record<string, string> }>
      >;
      return Object.entries(metadata).flatMap(([path, entries]) =>
        entries
          .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((entry) => Object.entries(entry.data).map(([rule, reason]) => ({ path, rule, reason })))
          .filter((ack) => ack.rule.includes('AwsSolutions-')),
      );
    });
}

function synthesizeWithNag(step: Step, config: MoatConfig = defaultConfig): string {
  const outdir = mkdtempSync(join(tmpdir(), `moat-nag-${step.id}-`));
  synthesizeStep({ step, config, outdir, nag: true, validateTemplates: false });
  return outdir;
}

/** Every acknowledgement of an assembly carries a reason a reviewer can check. */
function expectReasonedAcknowledgements(outdir: string): void {
  const acknowledgements = nagAcknowledgements(outdir);
  expect(acknowledgements.length).toBeGreaterThan(0);
  for (const ack of acknowledgements) {
    expect(ack.reason.length, `${ack.path} ${ack.rule}`).toBeGreaterThanOrEqual(MIN_REASON_LENGTH);
  }
}

describe('cdk-nag AwsSolutions gate', () => {
  it.each(awsSteps.map((step) => [step.id, step.slug, step] as const))(
    'synthesizes step %i (%s) with no unacknowledged finding, each acknowledgement with a specific reason',
    (_id, _slug, step) => {
      expectReasonedAcknowledgements(synthesizeWithNag(step));
    },
  );

  it.each(
    exampleDesigns().flatMap(([file, config]) => DESIGN_STEP_IDS.map((id) => [file, id, config] as const)),
  )(
    'synthesizes the design of examples/%s at step %i with no unacknowledged finding',
    (_file, id, config) => {
      const step = findStep(id);
      if (step === undefined) throw new Error(`no step ${id}`);
      expectReasonedAcknowledgements(synthesizeWithNag(step, config));
    },
  );

  it('fails the synthesis on an unacknowledged finding', () => {
    const [first] = awsSteps;
    if (first === undefined) throw new Error('no AWS step');
    const withOpenBucket: Step = {
      ...first,
      define: (app, config) => {
        const stacks = first.define(app, config);
        const [stack] = stacks;
        if (stack !== undefined) new s3.Bucket(stack, 'UnloggedBucket');
        return stacks;
      },
    };
    expect(() => synthesizeWithNag(withOpenBucket)).toThrow(/AwsSolutions-S1'/);
  });
});
