import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  CloudWatchLogsClient,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListTasksCommand,
  StopTaskCommand,
} from '@aws-sdk/client-ecs';
import { clientConfig } from './deploy-step.js';

const run = promisify(execFile);

/** Where a probe of the config really connects, on loopback; undefined leaves the target as it is. */
export type Redirect = (target: {
  host?: string;
  address?: string;
  port: number;
}) => { address: string; port: number } | undefined;

/**
 * Plays the container of the probe tasks that moto starts but never runs: for each task `moat confirm`
 * started, it takes the command override from DescribeTasks, runs it with this machine's node (the real probe
 * script, with each target sent to a loopback server by `redirect`), writes the lines it printed to the log
 * stream the awslogs driver would (PREFIX/CONTAINER/TASK_ID), and stops the task, as the container's exit would.
 */
export function playProbeContainers(
  motoEndpoint: string,
  redirect: Redirect,
): { stop(): Promise<void>; played: string[] } {
  const ecs = new ECSClient(clientConfig(motoEndpoint));
  const logs = new CloudWatchLogsClient(clientConfig(motoEndpoint));
  const played: string[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const cluster of await clusterNames(ecs)) {
        const listed = await ecs.send(new ListTasksCommand({ cluster, startedBy: 'moat-confirm' }));
        if ((listed.taskArns ?? []).length === 0) continue;
        const tasks =
          (await ecs.send(new DescribeTasksCommand({ cluster, tasks: listed.taskArns }))).tasks ?? [];
        for (const task of tasks) {
          if (task.taskArn === undefined || task.lastStatus === 'STOPPED' || played.includes(task.taskArn))
            continue;
          played.push(task.taskArn);
          await playOne(
            ecs,
            logs,
            cluster,
            task.taskArn,
            task.taskDefinitionArn ?? '',
            task.overrides?.containerOverrides?.[0]?.command ?? [],
            redirect,
          );
        }
      }
    }
  })();
  return {
    played,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

async function clusterNames(ecs: ECSClient): Promise<string[]> {
  const answer = await ecs.send(new ListClustersCommand({}));
  return (answer.clusterArns ?? []).map((arn) => arn.split('/').pop() ?? arn);
}

async function playOne(
  ecs: ECSClient,
  logs: CloudWatchLogsClient,
  cluster: string,
  taskArn: string,
  taskDefinition: string,
  command: readonly string[],
  redirect: Redirect,
): Promise<void> {
  const [node, flag, script, configText] = command;
  if (node !== 'node' || flag !== '-e' || script === undefined || configText === undefined) {
    throw new Error(
      `the probe task's command is not node -e SCRIPT CONFIG: ${command.slice(0, 2).join(' ')}`,
    );
  }
  const config = JSON.parse(configText) as { probes: { host?: string; address?: string; port: number }[] };
  config.probes = config.probes.map((probe) => {
    const to = redirect(probe);
    return to === undefined ? probe : { ...probe, address: to.address, port: to.port };
  });
  const { stdout } = await run(process.execPath, ['-e', script, JSON.stringify(config)], { timeout: 60_000 });
  const definition = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }))).taskDefinition;
  const container = definition?.containerDefinitions?.[0];
  const group = container?.logConfiguration?.options?.['awslogs-group'] ?? '';
  const prefix = container?.logConfiguration?.options?.['awslogs-stream-prefix'] ?? '';
  const stream = `${prefix}/${container?.name}/${taskArn.split('/').pop()}`;
  await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
  const now = Date.now();
  await logs.send(
    new PutLogEventsCommand({
      logGroupName: group,
      logStreamName: stream,
      logEvents: stdout
        .trim()
        .split('\n')
        .map((message, index) => ({ message, timestamp: now + index })),
    }),
  );
  await ecs.send(
    new StopTaskCommand({ cluster, task: taskArn, reason: 'Essential container in task exited' }),
  );
}
