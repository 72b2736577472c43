import { resolve } from 'node:path';
import { defineCommand, reportProgress } from '../command.js';
import { configArg, jsonArg } from '../common-args.js';
import { formatPlanSummary } from '../format/plan.js';
import { formatPlanProblems } from '../format/plan-problems.js';
import { loadMoatConfig } from '../inputs.js';
import { jsonDocument } from '../json/document.js';
import { prepareOutputDir, writeOutputFile } from '../output-files.js';
import { DEFAULT_OUT_DIR, reportFile, stepAssemblyDir } from '../plan/layout.js';
import { runPlan } from '../plan/run-plan.js';
import { summarizePlan } from '../plan/summary.js';
import { renderReport } from '../report/render-report.js';
import { selectSteps } from '../step-selection.js';

export const planCommand = defineCommand({
  usage: ['plan [--steps all|LIST] [--config F] [--out DIR] [--json]'],
  examples: [
    'moat plan                      # every step, report at out/report.html',
    'moat plan --steps 6-9',
  ],
  args: {
    steps: {
      type: 'string',
      valueName: 'LIST',
      description: 'all (default), or ids and slugs such as 2,5-7',
    },
    config: configArg,
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
    outDir: resolve(io.cwd, values.out ?? DEFAULT_OUT_DIR),
    json: values.json,
  }),
  async run({ steps, config, outDir, json }, io) {
    // Before the config and the synthesis, so an unwritable --out fails at once.
    prepareOutputDir(outDir, '--out');
    for (const step of steps) prepareOutputDir(stepAssemblyDir(outDir, step.id), '--out');
    const plan = await runPlan({
      steps,
      config: loadMoatConfig(config, io),
      outDir,
      progress: (message) => reportProgress(io, message),
    });
    const report = reportFile(outDir);
    const summary = summarizePlan(plan, report);
    writeOutputFile(report, renderReport(plan, summary), '--out');
    io.stdout.write(
      json ? jsonDocument('plan', summary) : `${formatPlanSummary(summary)}${formatPlanProblems(plan)}`,
    );
    return plan.holds ? 0 : 1;
  },
});
