import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { buildModel, loadAssembly, type NetworkModel } from '@moat/analyzer';
import type { ClientSettings } from './aws/clients.js';
import type { ProfileChoice } from './aws/profiles.js';
import { type Deployment, mapDeployment } from './deployment/map-deployment.js';
import { findServiceTasks, type ServiceTasks } from './deployment/service-tasks.js';
import { ConfirmError } from './errors.js';
import { type FlowRow, flowRows } from './flow-rows.js';
import {
  type AlertLog,
  type AlertRead,
  type AlertWait,
  alertCheck,
  alertLogOf,
  awaitAlerts,
  expectsAlert,
} from './live/firewall-alerts.js';
import { checkEntry, type EntryCheck, entryUrl, withPricePath } from './live/http-entry.js';
import { type ProbePlan, planProbes, probeVerdict } from './live/probe-targets.js';
import { runProbeTasks, type ZoneProbe } from './live/run-probe-tasks.js';
import { type AnalyzerVerdict, judgeAnalysis } from './reachability/judge-analysis.js';
import { type PathPlan, planPath } from './reachability/plan-paths.js';
import { analysesPrice } from './reachability/price.js';
import { runAnalyses } from './reachability/run-analyses.js';
import { compareRow } from './result/compare-row.js';
import type { Confirmation, LiveVerdict } from './result/confirmation.js';

/** What a run will create and what it costs, shown before anything is created. */
export interface RunPlan {
  readonly analyses: number;
  readonly usd: number;
  readonly priceText: string;
  readonly probeTasks: number;
}

export interface ConfirmTiming {
  readonly pollIntervalMs: number;
  readonly analysisTimeoutMs: number;
  readonly probeTimeoutMs: number;
  readonly perProbeTimeoutMs: number;
  readonly httpTimeoutMs: number;
  /** How long to wait for the firewall's alerts of the drops the probe saw. */
  readonly alertTimeoutMs: number;
}

/** Minutes: an analysis usually takes under one, a Fargate task pulls its image and runs in one or two. */
export const DEFAULT_TIMING: ConfirmTiming = {
  pollIntervalMs: 5_000,
  analysisTimeoutMs: 10 * 60_000,
  probeTimeoutMs: 10 * 60_000,
  perProbeTimeoutMs: 5_000,
  httpTimeoutMs: 10_000,
  alertTimeoutMs: 5 * 60_000,
};

export interface ConfirmOptions {
  readonly assemblyDir: string;
  readonly profiles: ProfileChoice;
  readonly settings: ClientSettings;
  readonly region?: string;
  /** Flow names; all when undefined. */
  readonly flows?: readonly string[];
  /** Keep the Network Insights paths and analyses (tagged) instead of deleting them. */
  readonly keep: boolean;
  /** Check this URL instead of the stack output's (a custom domain in front of the API, say). */
  readonly entryUrl?: string;
  /** Host name → IPv4, for paths to the internet; the system resolver by default. */
  readonly resolve?: (host: string) => Promise<string | undefined>;
  /** Asked once, before anything is created or charged; false stops the run. */
  readonly approve: (plan: RunPlan) => Promise<boolean>;
  readonly progress: (message: string) => void;
  readonly timing?: Partial<ConfirmTiming>;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
}

const systemResolve = async (host: string): Promise<string | undefined> => {
  try {
    return (await lookup(host, { family: 4 })).address;
  } catch {
    return undefined;
  }
};

/**
 * `moat confirm`: maps the assembly onto the deployed stacks, asks Reachability Analyzer about every flow
 * Moat traced, runs the guide's live checks (HTTP through the public entry, a probe task inside the container
 * VPC, the firewall's alert log), and sets each beside Moat's offline verdict.
 */
export async function runConfirm(options: ConfirmOptions): Promise<Confirmation> {
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const runId = `moat-${randomUUID().slice(0, 8)}`;
  const assembly = loadAssembly(options.assemblyDir);
  const model = buildModel(assembly);
  const rows = flowRows(model, options.flows);
  options.progress(`mapping ${assembly.stacks.length} stacks onto their accounts`);
  const deployment = await mapDeployment({
    assembly,
    profiles: options.profiles,
    settings: options.settings,
    ...(options.region === undefined ? {} : { region: options.region }),
  });
  const tasks =
    model.ecsServices.length > 0
      ? await findServiceTasks(model, deployment)
      : model.instances.length > 0
        ? 'the workload is an EC2 instance, and the probe runs as a one-off task of an ECS service: Reachability Analyzer alone checks the flows from it'
        : 'the assembly has no ECS service';
  const region = options.region ?? deployment.stacks[0]?.region ?? '';
  const plans = await Promise.all(
    rows.map((row) =>
      planPath(row, { model, deployment, tasks, region, resolve: options.resolve ?? systemResolve }),
    ),
  );
  const requests = plans.flatMap((plan) => (plan.kind === 'path' ? [plan.request] : []));
  const account = typeof tasks === 'string' ? '' : tasks.clients.context.account;
  const probes = planProbes(rows, region, account);
  const probeZones = typeof tasks === 'string' || probes.targets.length === 0 ? 0 : tasks.subnetsByAz.size;
  const price = analysesPrice(requests.length);
  const runPlan = {
    analyses: requests.length,
    usd: price.usd,
    priceText: price.text,
    probeTasks: probeZones,
  };
  if (!(await options.approve(runPlan))) {
    throw new ConfirmError(
      'not confirmed: nothing was created and nothing was charged. Give --yes to accept the cost',
    );
  }

  const analysisRun = await runAnalyses(requests, {
    runId,
    keep: options.keep,
    pollIntervalMs: timing.pollIntervalMs,
    timeoutMs: timing.analysisTimeoutMs,
    progress: options.progress,
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
  });

  const zones: ZoneProbe[] =
    typeof tasks === 'string' || probeZones === 0
      ? []
      : await runProbeTasks(tasks, probes.targets, {
          runId,
          perProbeTimeoutMs: timing.perProbeTimeoutMs,
          taskTimeoutMs: timing.probeTimeoutMs,
          pollIntervalMs: timing.pollIntervalMs,
          progress: options.progress,
          ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
        });
  const entry = await httpCheck(rows, assembly, deployment, options, timing.httpTimeoutMs);
  const lives = new Map(rows.map((row) => [row.id, liveVerdict(row, probes, zones, entry, tasks)]));
  const alerts = await firewallAlerts(
    rows.filter((row) => expectsAlert(row, lives.get(row.id) as LiveVerdict)),
    alertLogOf(assembly, deployment),
    zones,
    { ...timing, progress: options.progress, sleep: options.sleep ?? wait },
  );

  const confirmed = rows.map((row) => {
    const plan = plans.find((candidate) => rowIdOf(candidate) === row.id);
    const verdict = analyzerVerdict(row, plan, analysisRun.results, model, deployment);
    const live = lives.get(row.id) as LiveVerdict;
    const alert =
      alerts === undefined || !expectsAlert(row, live)
        ? undefined
        : alertCheck(row, alerts.read, alerts.waitedMs);
    return compareRow(row, verdict, live, alert);
  });
  const agree =
    deployment.stacks.every((stack) => stack.state !== 'error') &&
    confirmed.every((row) => row.status === 'agree');
  return {
    assembly: options.assemblyDir,
    runId,
    stacks: deployment.stacks,
    rows: confirmed,
    reachability: {
      analyses: requests.length,
      usd: price.usd,
      priceText: price.text,
      leftBehind: analysisRun.leftBehind,
    },
    probeTasks: zones.map((zone) => ({
      availabilityZone: zone.availabilityZone,
      ...(zone.taskArn === undefined ? {} : { taskArn: zone.taskArn }),
      ...(zone.failure === undefined ? {} : { failure: zone.failure }),
    })),
    ...(entry === undefined ? {} : { entry }),
    agree,
  };
}

const rowIdOf = (plan: PathPlan): string => (plan.kind === 'path' ? plan.request.rowId : plan.rowId);

function analyzerVerdict(
  row: FlowRow,
  plan: PathPlan | undefined,
  results: Awaited<ReturnType<typeof runAnalyses>>['results'],
  model: NetworkModel,
  deployment: Deployment,
): AnalyzerVerdict {
  if (plan === undefined || plan.kind === 'skip')
    return { kind: 'not run', reason: plan?.reason ?? 'no path' };
  const result = results.get(row.id);
  if (result === undefined) return { kind: 'failed', reason: 'no analysis ran' };
  if ('failure' in result) return { kind: 'failed', reason: result.failure };
  return judgeAnalysis(result, row, model, deployment);
}

async function httpCheck(
  rows: readonly FlowRow[],
  assembly: ReturnType<typeof loadAssembly>,
  deployment: Deployment,
  options: ConfirmOptions,
  timeoutMs: number,
): Promise<EntryCheck | undefined> {
  const ingress = rows.find((row) => row.name === 'ingress');
  if (ingress === undefined) return undefined;
  const url =
    options.entryUrl === undefined
      ? entryUrl(assembly, deployment, ingress.flow)
      : withPricePath(options.entryUrl);
  if (url === undefined) {
    return {
      url: '',
      outcome: 'failed',
      detail: 'no stack output names the public entry; give its URL with --entry-url',
    };
  }
  options.progress(`HTTP check: GET ${url}`);
  return checkEntry(url, timeoutMs, options.fetch);
}

function liveVerdict(
  row: FlowRow,
  probes: ProbePlan,
  zones: readonly ZoneProbe[],
  entry: EntryCheck | undefined,
  tasks: ServiceTasks | string,
): LiveVerdict {
  if (row.name === 'ingress' && entry !== undefined) {
    const detail = `GET ${entry.url}: ${entry.detail}`;
    if (entry.outcome === 'got-through') return { kind: 'got through', detail };
    if (entry.outcome === 'wrong-answer') return { kind: 'got through', detail, wrongAnswer: entry.detail };
    if (entry.outcome === 'blocked') return { kind: 'blocked', detail };
    return { kind: 'failed', reason: detail };
  }
  if (row.flow.from.kind === 'workload' && typeof tasks === 'string')
    return { kind: 'not run', reason: tasks };
  return probeVerdict(row, probes, zones);
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The alert log read once every drop is in it, or the time is up; undefined when nothing is to be looked for. */
async function firewallAlerts(
  rows: readonly FlowRow[],
  log: AlertLog | undefined,
  zones: readonly ZoneProbe[],
  timing: Omit<AlertWait, 'since' | 'timeoutMs'> & { readonly alertTimeoutMs: number },
): Promise<{ read: AlertRead; waitedMs: number } | undefined> {
  const since = zones.map((zone) => zone.startedAt.getTime()).sort((a, b) => a - b)[0];
  if (log === undefined || since === undefined || rows.length === 0) return undefined;
  const begin = Date.now();
  const read = await awaitAlerts(log, rows, {
    since: new Date(since),
    timeoutMs: timing.alertTimeoutMs,
    pollIntervalMs: timing.pollIntervalMs,
    progress: timing.progress,
    sleep: timing.sleep,
  });
  return { read, waitedMs: Date.now() - begin };
}
