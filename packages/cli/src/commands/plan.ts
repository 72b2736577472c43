import { resolve } from 'node:path';
import { type Confirmation, formatConfirmation } from '@moat/confirm';
import { type ArgValues, defineCommand, reportProgress, UsageError } from '../command.js';
import { configArg, jsonArg } from '../common-args.js';
import { MAX_DESIGNS } from '../compare/designs.js';
import { comparePlanDesigns } from '../compare/plan-designs.js';
import {
  type ConfirmRunOptions,
  confirmAssembly,
  confirmRunArgs,
  givenConfirmFlags,
  parseConfirmRun,
} from '../confirm-run.js';
import { formatPlanSummary } from '../format/plan.js';
import { formatPlanProblems } from '../format/plan-problems.js';
import { loadSourcedConfig } from '../inputs.js';
import { documentObject, jsonDocument } from '../json/document.js';
import { prepareOutputDir, writeOutputFile } from '../output-files.js';
import { DEFAULT_OUT_DIR, reportFile, stepAssemblyDir } from '../plan/layout.js';
import { type PlanResult, runPlan } from '../plan/run-plan.js';
import { type PlanSummary, summarizePlan } from '../plan/summary.js';
import { renderReport } from '../report/render-report.js';
import { selectSteps } from '../step-selection.js';

export const planCommand = defineCommand({
  usage: [
    'plan [--steps all|LIST] [--config F] [--compare F]... [--out DIR] [--json]',
    'plan --steps N --confirm [--profile P|networking=P1,workload=P2] [--region R] [--flows all|NAME,...] [--yes] [--keep] [--config F] [--out DIR] [--json]',
  ],
  examples: [
    'moat plan                      # every step, report at out/report.html',
    'moat plan --steps 6-9',
    'moat plan --compare cheaper.yaml   # and a Designs tab: this config (A) and cheaper.yaml (B) at step 10',
    'moat plan --steps 7 --confirm --profile moat-dev   # then check the deployed step 7 (AWS, paid: asks first)',
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
    confirm: {
      type: 'boolean',
      description:
        "after the plan, run moat confirm on each analyzed step's assembly against its deployment, and add a Confirmed section to the report (AWS credentials; Reachability Analyzer is paid and asks first). Never without this flag",
    },
    ...confirmRunArgs,
  },
  parse: (values, io) => ({
    steps: selectSteps(values.steps ?? 'all', '--steps'),
    config: values.config,
    compare: values.compare,
    outDir: resolve(io.cwd, values.out ?? DEFAULT_OUT_DIR),
    json: values.json,
    confirm: confirmChoice(values),
  }),
  async run({ steps, config, compare, outDir, json, confirm }, io) {
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
    const confirmations = new Map<number, Confirmation>();
    if (confirm !== undefined) {
      for (const result of plan.steps) {
        if (result.kind !== 'analyzed') continue;
        progress(`moat confirm: step ${result.step.id} (${result.assemblyDir})`);
        confirmations.set(
          result.step.id,
          await confirmAssembly(result.assemblyDir, confirm, own.config.accounts, io),
        );
      }
    }
    const report = reportFile(outDir);
    const summary = summarizePlan(plan, report, designs);
    writeOutputFile(report, renderReport(plan, summary, confirmations), '--out');
    io.stdout.write(json ? planDocument(summary, confirmations) : planText(plan, summary, confirmations));
    const agree = [...confirmations.values()].every((confirmation) => confirmation.agree);
    return plan.holds && agree ? 0 : 1;
  },
});

/** The confirm run's options with `--confirm`; its flags without it are a mistake, never a silent AWS call. */
function confirmChoice(
  values: ArgValues<typeof confirmRunArgs> & { readonly confirm: boolean; readonly steps?: string },
): ConfirmRunOptions | undefined {
  if (values.confirm && values.steps === undefined) {
    // Every step deploys stacks of the same names, so an account holds one step at a time; confirming all of
    // them would pay for analyses of steps that are not there.
    throw new UsageError(
      '--confirm checks the deployed step, and the steps share their stack names: name it with --steps, as in --steps 7 --confirm',
    );
  }
  if (values.confirm) return parseConfirmRun(values);
  const given = givenConfirmFlags(values);
  if (given.length > 0) {
    throw new UsageError(
      `${given.map((name) => `--${name}`).join(', ')} ${given.length === 1 ? 'is an option' : 'are options'} of --confirm: add --confirm to check the deployed steps after the plan, or leave ${given.length === 1 ? 'it' : 'them'} out`,
    );
  }
  return undefined;
}

function planText(
  plan: PlanResult,
  summary: PlanSummary,
  confirmations: ReadonlyMap<number, Confirmation>,
): string {
  return [
    formatPlanSummary(summary),
    formatPlanProblems(plan),
    ...[...confirmations].map(
      ([id, confirmation]) =>
        `\nConfirm step ${id} (${confirmation.assembly}):\n${formatConfirmation(confirmation)}`,
    ),
  ].join('');
}

/** The plan's document; with --confirm, each step's confirm document under `confirmed`. */
function planDocument(summary: PlanSummary, confirmations: ReadonlyMap<number, Confirmation>): string {
  return jsonDocument(
    'plan',
    confirmations.size === 0
      ? summary
      : {
          ...summary,
          confirmed: [...confirmations].map(([step, confirmation]) => ({
            step,
            confirmation: documentObject('confirm', confirmation),
          })),
        },
  );
}
