import {
  CreateNetworkInsightsPathCommand,
  DeleteNetworkInsightsAnalysisCommand,
  DeleteNetworkInsightsPathCommand,
  DescribeNetworkInsightsAnalysesCommand,
  type NetworkInsightsAnalysis,
  StartNetworkInsightsAnalysisCommand,
  type Tag,
} from '@aws-sdk/client-ec2';
import { callAws } from '../errors.js';
import type { PathRequest } from './plan-paths.js';

/** The tag Moat puts on every path and analysis it creates, with the run's id: find or clean them by it. */
export const RUN_TAG = 'moat:confirm';

export interface AnalysisRun {
  /** By row id: the finished analysis, or why there is none. */
  readonly results: ReadonlyMap<string, NetworkInsightsAnalysis | { readonly failure: string }>;
  /** Paths and analyses left in the accounts: with `keep`, or when a delete failed (each says which). */
  readonly leftBehind: readonly string[];
}

export interface RunOptions {
  readonly runId: string;
  readonly keep: boolean;
  readonly pollIntervalMs: number;
  readonly timeoutMs: number;
  readonly progress: (message: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

interface Started {
  readonly request: PathRequest;
  readonly pathId: string;
  analysisId?: string;
  result?: NetworkInsightsAnalysis | { readonly failure: string };
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates a tagged Network Insights path per request, starts one analysis on each, polls
 * `DescribeNetworkInsightsAnalyses` until none is `running`, and deletes the analyses and paths (unless
 * `keep`), also when something failed on the way.
 * https://docs.aws.amazon.com/vpc/latest/reachability/getting-started-cli.html
 */
export async function runAnalyses(
  requests: readonly PathRequest[],
  options: RunOptions,
): Promise<AnalysisRun> {
  const sleep = options.sleep ?? wait;
  const started: Started[] = [];
  const leftBehind: string[] = [];
  try {
    for (const request of requests) {
      const tags = (kind: string): Tag[] => [
        { Key: RUN_TAG, Value: options.runId },
        { Key: 'Name', Value: `moat confirm ${kind}: ${request.rowId}`.slice(0, 255) },
      ];
      const path = await callAws('ec2:CreateNetworkInsightsPath', request.clients.context, () =>
        request.clients.ec2.send(
          new CreateNetworkInsightsPathCommand({
            ...request.input,
            ClientToken: `${options.runId}-${started.length}-path`,
            TagSpecifications: [{ ResourceType: 'network-insights-path', Tags: tags('path') }],
          }),
        ),
      );
      const pathId = path.NetworkInsightsPath?.NetworkInsightsPathId;
      if (pathId === undefined) throw new Error('CreateNetworkInsightsPath returned no path id');
      const entry: Started = { request, pathId };
      started.push(entry);
      const analysis = await callAws('ec2:StartNetworkInsightsAnalysis', request.clients.context, () =>
        request.clients.ec2.send(
          new StartNetworkInsightsAnalysisCommand({
            NetworkInsightsPathId: pathId,
            ClientToken: `${options.runId}-${started.length}-analysis`,
            TagSpecifications: [{ ResourceType: 'network-insights-analysis', Tags: tags('analysis') }],
          }),
        ),
      );
      entry.analysisId = analysis.NetworkInsightsAnalysis?.NetworkInsightsAnalysisId;
      if (entry.analysisId === undefined)
        entry.result = { failure: 'StartNetworkInsightsAnalysis returned no analysis id' };
    }
    await poll(started, options, sleep);
  } finally {
    if (options.keep) {
      for (const entry of started)
        leftBehind.push(
          `kept ${entry.pathId}${entry.analysisId ? ` and ${entry.analysisId}` : ''} (tag ${RUN_TAG}=${options.runId})`,
        );
    } else {
      leftBehind.push(...(await deleteAll(started)));
    }
  }
  return {
    results: new Map(started.map((entry) => [entry.request.rowId, entry.result ?? { failure: 'no result' }])),
    leftBehind,
  };
}

async function poll(
  started: Started[],
  options: RunOptions,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  const begin = Date.now();
  for (;;) {
    const pending = started.filter((entry) => entry.result === undefined && entry.analysisId !== undefined);
    options.progress(
      `Reachability Analyzer: ${started.length - pending.length} of ${started.length} analyses done (${Math.round((Date.now() - begin) / 1000)} s)`,
    );
    if (pending.length === 0) return;
    if (Date.now() - begin > options.timeoutMs) {
      for (const entry of pending)
        entry.result = { failure: `still running after ${Math.round(options.timeoutMs / 1000)} s` };
      return;
    }
    await sleep(options.pollIntervalMs);
    // One call per account: the analyses of a run share few accounts.
    for (const [context, entries] of groupByAccount(pending)) {
      const answer = await callAws('ec2:DescribeNetworkInsightsAnalyses', context.clients.context, () =>
        context.clients.ec2.send(
          new DescribeNetworkInsightsAnalysesCommand({
            NetworkInsightsAnalysisIds: entries.map((entry) => entry.analysisId as string),
          }),
        ),
      );
      for (const analysis of answer.NetworkInsightsAnalyses ?? []) {
        const entry = entries.find(
          (candidate) => candidate.analysisId === analysis.NetworkInsightsAnalysisId,
        );
        if (entry !== undefined && analysis.Status !== 'running') entry.result = analysis;
      }
    }
  }
}

function groupByAccount(entries: readonly Started[]): Map<PathRequest, Started[]> {
  const groups = new Map<string, { request: PathRequest; entries: Started[] }>();
  for (const entry of entries) {
    const key = `${entry.request.clients.context.account}/${entry.request.clients.context.region}`;
    const group = groups.get(key) ?? { request: entry.request, entries: [] };
    group.entries.push(entry);
    groups.set(key, group);
  }
  return new Map([...groups.values()].map((group) => [group.request, group.entries]));
}

/** Analyses first, then paths; a failed delete is reported, not thrown, so the others still go. */
async function deleteAll(started: readonly Started[]): Promise<string[]> {
  const failures: string[] = [];
  for (const entry of started) {
    const { clients } = entry.request;
    try {
      if (entry.analysisId !== undefined) {
        const analysisId = entry.analysisId;
        await callAws('ec2:DeleteNetworkInsightsAnalysis', clients.context, () =>
          clients.ec2.send(
            new DeleteNetworkInsightsAnalysisCommand({ NetworkInsightsAnalysisId: analysisId }),
          ),
        );
      }
      await callAws('ec2:DeleteNetworkInsightsPath', clients.context, () =>
        clients.ec2.send(new DeleteNetworkInsightsPathCommand({ NetworkInsightsPathId: entry.pathId })),
      );
    } catch (error) {
      failures.push(
        `could not delete ${entry.pathId} in account ${clients.context.account}: ${(error as Error).message}; delete it with aws ec2 delete-network-insights-path --network-insights-path-id ${entry.pathId}`,
      );
    }
  }
  return failures;
}
