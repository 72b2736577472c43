import { resolve } from 'node:path';
import { defineCommand, reportProgress, UsageError } from '../command.js';
import { configArg, jsonArg } from '../common-args.js';
import { MAX_DESIGNS } from '../compare/designs.js';
import { comparePlanDesigns } from '../compare/plan-designs.js';
import { formatPlanSummary } from '../format/plan.js';
import { formatPlanProblems } from '../format/plan-problems.js';
import { loadSourcedConfig } from '../inputs.js';
import { jsonDocument } from '../json/document.js';
import { prepareOutputDir, writeOutputFile } from '../output-files.js';
import { DEFAULT_OUT_DIR, reportFile, stepAssemblyDir } from '../plan/layout.js';
import { runPlan } from '../plan/run-plan.js';
import { summarizePlan } from '../plan/summary.js';
import { renderReport } from '../report/render-report.js';
import { selectSteps } from '../step-selection.js';

export const planCommand = defineCommand({
  usage: ['plan [--steps all|LIST] [--config F] [--compare F]... [--out DIR] [--json]'],
  examples: [
    'moat plan                      # every step, report at out/report.html',
    'moat plan --steps 6-9',
    'moat plan --compare cheaper.yaml   # and a Designs tab: this config (A) and cheaper.yaml (B) at step 10',
  ],
  args: {
    steps: {
      type: 'string',
      valueName: 'LIST',
      description: 'all (default), or ids and slugs such as 2,5-7',
    },
    config: configArg,
    compare: {
      type: 'string',
      valueName: 'F',
      repeatable: true,
      description:
        "another design's config file, put side by side with the plan's own (A) at the plan's last step, as moat compare does; the report gets a Designs tab",
    },
    out: {
      type: 'string',
      valueName: 'DIR',
      description: `output folder for assemblies, diagrams and report.html (default ${DEFAULT_OUT_DIR})`,
    },
    json: jsonArg('the summary'),
  },
  parse: (values, io) => ({
    steps: selectSteps(values.steps ?? 'all', '--steps'),
    config: values.config,
    compare: values.compare,
    outDir: resolve(io.cwd, values.out ?? DEFAULT_OUT_DIR),
    json: values.json,
  }),
  async run({ steps, config, compare, outDir, json }, io) {
    // Before the config and the synthesis, so an unwritable --out fails at once.
    prepareOutputDir(outDir, '--out');
    for (const step of steps) prepareOutputDir(stepAssemblyDir(outDir, step.id), '--out');
    const own = loadSourcedConfig(config, io);
    // The designs to compare before any synthesis too: a missing file fails at once.
    const others = compare.map((path) => loadSourcedConfig(path, io));
    if (others.length >= MAX_DESIGNS) {
      throw new UsageError(
        `give --compare at most ${MAX_DESIGNS - 1} times (one letter per design), received ${others.length}`,
      );
    }
    const progress = (message: string) => reportProgress(io, message);
    const plan = await runPlan({ steps, config: own.config, outDir, progress });
    const designs =
      others.length === 0 ? undefined : comparePlanDesigns({ plan, steps, own, others, outDir, progress });
    const report = reportFile(outDir);
    const summary = summarizePlan(plan, report, designs);
    writeOutputFile(report, renderReport(plan, summary), '--out');
    io.stdout.write(
      json ? jsonDocument('plan', summary) : `${formatPlanSummary(summary)}${formatPlanProblems(plan)}`,
    );
    return plan.holds ? 0 : 1;
  },
});
