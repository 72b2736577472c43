import { resolve } from 'node:path';
import { synthesizeStep } from '@moat/infra';
import { defineCommand, reportProgress } from '../command.js';
import { configArg } from '../common-args.js';
import { loadMoatConfig, requireFlag } from '../inputs.js';
import { prepareOutputDir } from '../output-files.js';
import { DEFAULT_OUT_DIR, stepAssemblyDir } from '../plan/layout.js';
import { selectSteps } from '../step-selection.js';

export const synthCommand = defineCommand({
  usage: ['synth --step N|all [--config F] [--out DIR]'],
  examples: ['moat synth --step 7            # writes out/steps/7', 'moat synth --step all --out build'],
  args: {
    step: {
      type: 'string',
      valueName: 'N|all',
      description: 'a step id or slug, a list such as 2,5-7, or all',
    },
    config: configArg,
    out: {
      type: 'string',
      valueName: 'DIR',
      description: `output folder; step N goes to DIR/steps/N (default ${DEFAULT_OUT_DIR})`,
    },
  },
  parse: (values, io) => ({
    steps: selectSteps(
      requireFlag(values.step, '--step', 'give a step id such as 7, or all (see "moat steps")'),
      '--step',
    ),
    config: values.config,
    outDir: resolve(io.cwd, values.out ?? DEFAULT_OUT_DIR),
  }),
  async run({ steps, config, outDir }, io) {
    // Before the config and the synthesis, so an unwritable --out fails at once.
    prepareOutputDir(outDir, '--out');
    for (const step of steps) prepareOutputDir(stepAssemblyDir(outDir, step.id), '--out');
    const moatConfig = loadMoatConfig(config, io);
    for (const step of steps) {
      reportProgress(io, `synthesizing step ${step.id} ${step.slug}…`);
      const { outdir, stackIds } = synthesizeStep({
        step,
        config: moatConfig,
        outdir: stepAssemblyDir(outDir, step.id),
      });
      io.stdout.write(
        stackIds.length === 0
          ? `step ${step.id} ${step.slug}: no AWS resources to synthesize (${step.summary})\n`
          : `step ${step.id} ${step.slug}: ${outdir} (${stackIds.join(', ')})\n`,
      );
    }
    return 0;
  },
});
