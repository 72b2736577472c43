/**
 * `npm run synth:all -- [--config path] [--out dir]`: every step's cloud assembly under out/steps/<id>/,
 * in one process, with cdk-nag on. Offline, no credentials, no Docker.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { synthesizeAllSteps } from '../src/synthesize-all.js';
import { runWithConfig } from './run-with-config.js';

const DEFAULT_OUT = 'out/steps';
const USAGE = 'usage: npm run synth:all -- [--config <moat.config.yaml>] [--out <dir>]  (in packages/infra)';

/** The flags, or undefined after printing node's parseArgs complaint and the usage (a user mistake, no stack). */
function flags(): { config?: string; out?: string } | undefined {
  try {
    return parseArgs({
      options: { config: { type: 'string' }, out: { type: 'string', default: DEFAULT_OUT } },
      strict: true,
    }).values;
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) throw error;
    process.stderr.write(`synth:all: ${String(message)}\n${USAGE}\n`);
    return undefined;
  }
}

function main(): number {
  const values = flags();
  if (values === undefined) return 2;
  const outdir = resolve(values.out ?? DEFAULT_OUT);
  return runWithConfig(values.config, (config, source) => {
    const started = performance.now();
    const synthesized = synthesizeAllSteps({ config, outdir });
    for (const step of synthesized) {
      process.stdout.write(
        `step ${String(step.stepId).padStart(2)} ${step.slug.padEnd(17)} ${step.stackIds.join(', ').padEnd(44)} ${Math.round(step.milliseconds)} ms\n`,
      );
    }
    process.stdout.write(
      `${outdir}: ${synthesized.length} assemblies in ${Math.round(performance.now() - started)} ms (config: ${source})\n`,
    );
  });
}

process.exitCode = main();
