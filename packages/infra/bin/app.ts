/**
 * The CDK app: `npx cdk synth -c step=N|slug [-c config=path]`, run in packages/infra. Synthesizes one
 * step with no AWS credentials, no Docker and no network; a wrong step or config is reported, not thrown.
 */
import { App } from 'aws-cdk-lib';
import { deployableStep } from '../src/steps/step-argument.js';
import { synthesizeStep } from '../src/synthesize.js';
import { runWithConfig } from './run-with-config.js';

function main(): number {
  // Only to read `-c` values: the CLI hands them over in the environment, which an App parses.
  const context = new App({ autoSynth: false }).node;
  return runWithConfig(optionalString(context.tryGetContext('config')), (config) => {
    const step = deployableStep(context.tryGetContext('step'));
    synthesizeStep({ step, config, outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
  });
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

process.exitCode = main();
