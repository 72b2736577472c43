/**
 * The CDK app: `npx cdk synth -c step=N|slug [-c config=path]`, run in packages/infra. Synthesizes one
 * step with no AWS credentials, no Docker and no network; a wrong step or config is reported, not thrown.
 */
import { App } from 'aws-cdk-lib';
import { formatIssues, loadConfig } from '../src/config/index.js';
import { deployableStep } from '../src/steps/step-argument.js';
import { synthesizeStep } from '../src/synthesize.js';
import { UserInputError } from '../src/user-input-error.js';

function main(): number {
  // Only to read `-c` values: the CLI hands them over in the environment, which an App parses.
  const context = new App({ autoSynth: false }).node;
  const loaded = loadConfig({ path: optionalString(context.tryGetContext('config')) });
  if (!loaded.ok) {
    process.stderr.write(`${formatIssues(loaded.issues, loaded.source)}\n`);
    return 1;
  }
  try {
    const step = deployableStep(context.tryGetContext('step'));
    synthesizeStep({ step, config: loaded.config, outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
    return 0;
  } catch (error) {
    if (error instanceof UserInputError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

process.exitCode = main();
