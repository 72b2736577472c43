import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTaskDefinitionCommand, DescribeTasksCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import type { ServiceTasks } from '../deployment/service-tasks.js';
import { ConfirmError, callAws } from '../errors.js';
import {
  OVERRIDES_LIMIT,
  type ProbeLine,
  type ProbeTarget,
  parseProbeLog,
  probeCommand,
} from './probe-script.js';

/** One probe task's run, in one AZ. */
export interface ZoneProbe {
  readonly availabilityZone: string;
  readonly taskArn?: string;
  readonly lines: ReadonlyMap<string, ProbeLine>;
  /** Why the task gave no (complete) answer. */
  readonly failure?: string;
  readonly startedAt: Date;
}

export interface ProbeRunOptions {
  readonly runId: string;
  readonly perProbeTimeoutMs: number;
  readonly taskTimeoutMs: number;
  readonly pollIntervalMs: number;
  readonly progress: (message: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

interface LogTarget {
  readonly container: string;
  readonly group: string;
  readonly prefix: string;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one task per AZ of the service with its own task definition, subnets and security groups, the
 * container's command replaced by the probe, waits until each stops, and reads its lines back from the
 * container's log stream `PREFIX/CONTAINER/TASK_ID`:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
 */
export async function runProbeTasks(
  service: ServiceTasks,
  targets: readonly ProbeTarget[],
  options: ProbeRunOptions,
): Promise<ZoneProbe[]> {
  const sleep = options.sleep ?? wait;
  const { clients, cluster } = service;
  const log = await logTarget(service);
  const command = probeCommand({ run: options.runId, timeoutMs: options.perProbeTimeoutMs, probes: targets });
  const overrides = { containerOverrides: [{ name: log.container, command }] };
  const size = JSON.stringify(overrides).length;
  if (size > OVERRIDES_LIMIT) {
    throw new ConfirmError(
      `the probe's command override is ${size} characters, over RunTask's ${OVERRIDES_LIMIT}: the firewall has too many rules to probe in one task; narrow them with --flows`,
    );
  }
  const runs: { zone: string; taskArn?: string; failure?: string; startedAt: Date }[] = [];
  for (const [zone, subnet] of service.subnetsByAz) {
    const startedAt = new Date();
    const answer = await callAws('ecs:RunTask', clients.context, () =>
      clients.ecs.send(
        new RunTaskCommand({
          cluster,
          taskDefinition: service.taskDefinition,
          launchType: 'FARGATE',
          count: 1,
          startedBy: 'moat-confirm',
          networkConfiguration: {
            awsvpcConfiguration: {
              subnets: [subnet],
              securityGroups: [...service.securityGroups],
              assignPublicIp: service.assignPublicIp,
            },
          },
          overrides,
          tags: [{ key: 'moat:confirm', value: options.runId }],
        }),
      ),
    );
    const taskArn = answer.tasks?.[0]?.taskArn;
    const failure = answer.failures?.[0];
    runs.push({
      zone,
      startedAt,
      ...(taskArn === undefined ? {} : { taskArn }),
      ...(taskArn === undefined
        ? {
            failure:
              `RunTask started no task: ${failure?.reason ?? 'no reason given'} ${failure?.detail ?? ''}`.trim(),
          }
        : {}),
    });
  }
  const stopped = await waitUntilStopped(service, runs, options, sleep);
  const results: ZoneProbe[] = [];
  for (const run of runs) {
    const base = {
      availabilityZone: run.zone,
      startedAt: run.startedAt,
      ...(run.taskArn === undefined ? {} : { taskArn: run.taskArn }),
    };
    if (run.taskArn === undefined) {
      results.push({ ...base, lines: new Map(), failure: run.failure ?? 'no task' });
      continue;
    }
    const stop = stopped.get(run.taskArn);
    const taskId = run.taskArn.split('/').pop() ?? '';
    const messages = await readStream(service, log.group, `${log.prefix}/${log.container}/${taskId}`);
    const parsed = parseProbeLog(messages, options.runId);
    const failure =
      stop === undefined
        ? `the task did not stop within ${Math.round(options.taskTimeoutMs / 1000)} s`
        : parsed.done
          ? undefined
          : `the task stopped (${stop}) before the probe printed its last line`;
    results.push({ ...base, lines: parsed.lines, ...(failure === undefined ? {} : { failure }) });
  }
  return results;
}

async function logTarget(service: ServiceTasks): Promise<LogTarget> {
  const { clients } = service;
  const answer = await callAws('ecs:DescribeTaskDefinition', clients.context, () =>
    clients.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: service.taskDefinition })),
  );
  const containers = answer.taskDefinition?.containerDefinitions ?? [];
  const container = containers.find((candidate) => candidate.logConfiguration?.logDriver === 'awslogs');
  const group = container?.logConfiguration?.options?.['awslogs-group'];
  const prefix = container?.logConfiguration?.options?.['awslogs-stream-prefix'];
  if (container?.name === undefined || group === undefined || prefix === undefined) {
    throw new ConfirmError(
      `task definition ${service.taskDefinition} has no container logging with awslogs and a stream prefix, so the probe's output could not be read back; give the container an awslogs log configuration with awslogs-stream-prefix`,
    );
  }
  return { container: container.name, group, prefix };
}

/** Polls DescribeTasks until every task is STOPPED or the time is up; returns each stopped task's reason. */
async function waitUntilStopped(
  service: ServiceTasks,
  runs: readonly { zone: string; taskArn?: string }[],
  options: ProbeRunOptions,
  sleep: (ms: number) => Promise<void>,
): Promise<Map<string, string>> {
  const { clients, cluster } = service;
  const arns = runs.flatMap((run) => (run.taskArn === undefined ? [] : [run.taskArn]));
  const stopped = new Map<string, string>();
  const begin = Date.now();
  while (arns.length > 0 && stopped.size < arns.length && Date.now() - begin <= options.taskTimeoutMs) {
    options.progress(
      `probe tasks: ${stopped.size} of ${arns.length} finished (${Math.round((Date.now() - begin) / 1000)} s)`,
    );
    await sleep(options.pollIntervalMs);
    const answer = await callAws('ecs:DescribeTasks', clients.context, () =>
      clients.ecs.send(new DescribeTasksCommand({ cluster, tasks: arns })),
    );
    for (const task of answer.tasks ?? []) {
      if (task.taskArn !== undefined && task.lastStatus === 'STOPPED') {
        const exit = task.containers?.[0]?.exitCode;
        stopped.set(
          task.taskArn,
          `${task.stoppedReason ?? 'stopped'}${exit === undefined ? '' : `, exit code ${exit}`}`,
        );
      }
    }
  }
  return stopped;
}

async function readStream(service: ServiceTasks, group: string, stream: string): Promise<string[]> {
  const { clients } = service;
  const messages: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < 10; page++) {
    const answer = await callAws('logs:GetLogEvents', clients.context, () =>
      clients.logs.send(
        new GetLogEventsCommand({
          logGroupName: group,
          logStreamName: stream,
          startFromHead: true,
          ...(token === undefined ? {} : { nextToken: token }),
        }),
      ),
    ).catch((error: unknown) => {
      // The stream exists only once the container wrote to it.
      if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
      throw error;
    });
    if (answer === undefined) break;
    messages.push(
      ...(answer.events ?? []).flatMap((event) => (event.message === undefined ? [] : [event.message])),
    );
    // GetLogEvents returns the same forward token when there is nothing more to read.
    if (answer.nextForwardToken === undefined || answer.nextForwardToken === token) break;
    token = answer.nextForwardToken;
  }
  return messages;
}
