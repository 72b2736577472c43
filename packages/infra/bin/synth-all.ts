/**
 * `npm run synth:all [-- --config path] [-- --out dir]`: every step's cloud assembly under out/steps/<id>/,
 * in one process, with cdk-nag on. Offline, no credentials, no Docker.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatIssues, loadConfig } from '../src/config/index.js';
import { synthesizeAllSteps } from '../src/synthesize-all.js';
import { UserInputError } from '../src/user-input-error.js';

const DEFAULT_OUT = 'out/steps';

function main(): number {
  const { values } = parseArgs({
    options: { config: { type: 'string' }, out: { type: 'string', default: DEFAULT_OUT } },
    strict: true,
  });
  const loaded = loadConfig({ path: values.config });
  if (!loaded.ok) {
    process.stderr.write(`${formatIssues(loaded.issues, loaded.source)}\n`);
    return 1;
  }
  const outdir = resolve(values.out ?? DEFAULT_OUT);
  try {
    const started = performance.now();
    const synthesized = synthesizeAllSteps({ config: loaded.config, outdir });
    for (const step of synthesized) {
      process.stdout.write(
        `step ${String(step.stepId).padStart(2)} ${step.slug.padEnd(17)} ${step.stackIds.join(', ').padEnd(44)} ${Math.round(step.milliseconds)} ms\n`,
      );
    }
    process.stdout.write(
      `${outdir}: ${synthesized.length} assemblies in ${Math.round(performance.now() - started)} ms (config: ${loaded.source})\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof UserInputError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main();
