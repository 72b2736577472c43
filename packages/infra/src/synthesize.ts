import { readFileSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { cdkContextFor } from './config/cdk-context.js';
import type { MoatConfig } from './config/schema.js';
import type { Step } from './steps/step.js';

export interface SynthesizeStepOptions {
  readonly step: Step;
  readonly config: MoatConfig;
  /** The cloud assembly folder to write. */
  readonly outdir: string;
  /**
   * Runs the CDK's built-in CloudFormation template validation during synthesis. It costs seconds per
   * step, so one gate runs it and the unit tests do not.
   * @default false
   */
  readonly validateTemplates?: boolean;
  /**
   * Runs cdk-nag's AwsSolutions pack; synthesis fails on any unacknowledged finding.
   * @default true
   */
  readonly nag?: boolean;
}

export interface SynthesizedStep {
  readonly outdir: string;
  readonly stackIds: readonly string[];
}

/**
 * The feature flags of packages/infra/cdk.json, each set deliberately (see docs/steps.md, "Feature flags"):
 * `cdk synth` reads them from there, and an in-process synthesis (moat plan, the tests) gets the same, so
 * the templates Moat verifies are the ones `cdk deploy` sends.
 */
export const FEATURE_FLAGS: Readonly<Record<string, unknown>> = (
  JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

/**
 * The context every Moat app gets: the availability zones of both accounts, so that synthesis never looks
 * anything up (no credentials, no network), and no version reporting.
 */
export function appContext(config: MoatConfig, validateTemplates: boolean): Record<string, unknown> {
  return {
    ...FEATURE_FLAGS,
    ...cdkContextFor(config),
    'aws:cdk:version-reporting': false,
    // What the CDK CLI turns on for `cdk synth`, so an in-process assembly is the same: construct paths
    // (`aws:cdk:path`, which the analyzer names hops by) and asset metadata.
    'aws:cdk:enable-path-metadata': true,
    'aws:cdk:enable-asset-metadata': true,
    // Makes the built-in template validation's errors fail the synthesis instead of warning.
    '@aws-cdk/core:validateAgainstDefaultRules': validateTemplates,
  };
}

/**
 * The template-level `Metadata` key that names the Moat step a template belongs to, as
 * `{ "step": 7, "slug": "network-firewall" }`: `moat verify` reads it to apply the config's flows that are
 * limited to some steps (`flows[].steps`). CloudFormation keeps template metadata as it is:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/metadata-section-structure.html
 */
export const STEP_METADATA_KEY = 'MoatStep';

/** Defines one step in a fresh app and synthesizes it in-process. */
export function synthesizeStep(options: SynthesizeStepOptions): SynthesizedStep {
  const validateTemplates = options.validateTemplates ?? false;
  const app = new App({
    outdir: options.outdir,
    context: appContext(options.config, validateTemplates),
    builtinCloudFormationValidation: validateTemplates,
  });
  const stacks = options.step.define(app, options.config);
  for (const stack of stacks) {
    stack.templateOptions.metadata = {
      ...stack.templateOptions.metadata,
      [STEP_METADATA_KEY]: { step: options.step.id, slug: options.step.slug },
    };
  }
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  const assembly = app.synth();
  return { outdir: assembly.directory, stackIds: stacks.map((stack) => stack.stackName) };
}
