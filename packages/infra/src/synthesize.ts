import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
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
 * The CDK context that replaces every lookup: the availability zones of each account in the config's
 * region, so `cdk synth` needs no credentials and never calls AWS.
 */
export function lookupFreeContext(config: MoatConfig): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  for (const account of new Set([config.accounts.networking, config.accounts.workload])) {
    context[`availability-zones:account=${account}:region=${config.region}`] = [...config.availabilityZones];
  }
  return context;
}

/** The context every Moat app gets, on top of the AZs: no version reporting, a readable template. */
export function appContext(config: MoatConfig, validateTemplates: boolean): Record<string, unknown> {
  return {
    ...lookupFreeContext(config),
    'aws:cdk:version-reporting': false,
    // Makes the built-in template validation's errors fail the synthesis instead of warning.
    '@aws-cdk/core:validateAgainstDefaultRules': validateTemplates,
  };
}

/** Defines one step in a fresh app and synthesizes it in-process. */
export function synthesizeStep(options: SynthesizeStepOptions): SynthesizedStep {
  const validateTemplates = options.validateTemplates ?? false;
  const app = new App({
    outdir: options.outdir,
    context: appContext(options.config, validateTemplates),
    builtinCloudFormationValidation: validateTemplates,
  });
  const stacks = options.step.define(app, options.config);
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  const assembly = app.synth();
  return { outdir: assembly.directory, stackIds: stacks.map((stack) => stack.stackName) };
}
