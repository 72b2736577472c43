import { resolve } from 'node:path';
import { findStep, type Step, steps } from '@moat/infra';
import { defineCommand, reportProgress, UsageError } from '../command.js';
import { jsonArg } from '../common-args.js';
import {
  analyzeDesign,
  compareDesigns,
  designAssemblyDir,
  designLabel,
  MAX_DESIGNS,
} from '../compare/designs.js';
import { formatComparison } from '../format/compare.js';
import { loadSourcedConfig } from '../inputs.js';
import { jsonDocument } from '../json/document.js';
import { prepareOutputDir } from '../output-files.js';
import { DEFAULT_OUT_DIR } from '../plan/layout.js';

const lastStep = steps.at(-1);

export const compareCommand = defineCommand({
  usage: ['compare A.yaml B.yaml [C.yaml…] [--step N] [--out DIR] [--json]'],
  examples: [
    'moat compare moat.config.yaml cheaper.yaml             # at the last step',
    'moat compare moat.config.yaml cheaper.yaml dev.yaml --step 7',
  ],
  exitCodes: [
    '0  no flow is as expected in one design and not in another',
    '1  a design breaks a flow (not as expected) that another design keeps (as expected)',
    '2  bad usage: fewer than two configs, a config missing or invalid, a step with no AWS resources',
  ],
  args: {
    designs: {
      type: 'positionals',
      valueName: 'A.yaml B.yaml [C.yaml…]',
      description:
        'two or more configuration files, one per design; the first is the one the others are priced against',
    },
    step: {
      type: 'string',
      valueName: 'N',
      description: `the step to compare the designs at: an id or a slug (default ${lastStep?.id}, the last)`,
    },
    out: {
      type: 'string',
      valueName: 'DIR',
      description: `output folder: design B's assembly goes to DIR/designs/B/steps/N (default ${DEFAULT_OUT_DIR})`,
    },
    json: jsonArg('every design (flows, findings, AZ losses, cost) and the cost changes'),
  },
  parse: (values, io) => {
    if (values.designs.length < 2) {
      throw new UsageError(
        `give two or more configuration files to compare, received ${values.designs.length === 0 ? 'none' : `only "${values.designs[0]}"`}; as in "moat compare moat.config.yaml cheaper.yaml"`,
      );
    }
    if (values.designs.length > MAX_DESIGNS) {
      throw new UsageError(
        `give at most ${MAX_DESIGNS} configuration files (one letter each), received ${values.designs.length}`,
      );
    }
    return {
      designs: values.designs,
      step: parseStep(values.step),
      outDir: resolve(io.cwd, values.out ?? DEFAULT_OUT_DIR),
      json: values.json,
    };
  },
  async run({ designs, step, outDir, json }, io) {
    // Every config first, so that a missing or invalid file fails before any synthesis.
    const configs = designs.map((path) => loadSourcedConfig(path, io));
    prepareOutputDir(outDir, '--out');
    for (const index of designs.keys()) {
      prepareOutputDir(designAssemblyDir(outDir, designLabel(index), step.id), '--out');
    }
    const results = configs.map(({ config, source }, index) => {
      const label = designLabel(index);
      const progress = `[${index + 1}/${designs.length}] design ${label} (${designs[index]}) step ${step.id}`;
      reportProgress(io, `${progress}: synthesizing`);
      return analyzeDesign({ label, config: source }, config, step, outDir, () =>
        reportProgress(io, `${progress}: verifying and pricing`),
      );
    });
    const comparison = compareDesigns(step, results);
    io.stdout.write(json ? jsonDocument('compare', comparison) : formatComparison(comparison, designs));
    return comparison.flowsAgree ? 0 : 1;
  },
});

/** One step, by id or slug; a step with no AWS resources has nothing to compare (found once synthesized). */
function parseStep(text: string | undefined): Step {
  const step = text === undefined ? lastStep : findStep(text);
  if (step === undefined) {
    throw new UsageError(
      `--step received "${text}", which is not a step; give one id from ${steps[0]?.id} to ${lastStep?.id} or one slug (${steps.map((candidate) => candidate.slug).join(', ')}), as in --step 7`,
    );
  }
  return step;
}
