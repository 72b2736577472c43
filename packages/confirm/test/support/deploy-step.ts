import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { DescribeServicesCommand, ECSClient, RunTaskCommand } from '@aws-sdk/client-ecs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { loadAssembly } from '@moat/analyzer';
import { defaultConfig, findStep, synthesizeStep } from '@moat/infra';

export const TEST_REGION = defaultConfig.region;
export const TEST_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;

export const clientConfig = (endpoint: string) => ({
  endpoint,
  region: TEST_REGION,
  credentials: TEST_CREDENTIALS,
});

/** Synthesizes a step in-process with the embedded default config, as `moat synth` does. */
export function synthStep(stepId: number, outdir: string): string {
  const step = findStep(String(stepId));
  if (step === undefined) throw new Error(`no step ${stepId}`);
  return synthesizeStep({ step, config: defaultConfig, outdir }).outdir;
}

// CDK's templates check the bootstrap version through this parameter (`cdk bootstrap` writes it).
const BOOTSTRAP_VERSION = '/cdk-bootstrap/hnb659fds/version';
// Deployment order: the workload reads the network's SSM parameters; the spoke routing reads both.
const ORDER = ['MoatNetwork', 'MoatWorkload', 'MoatSpokeRouting'];

/**
 * Deploys the assembly's stacks into moto's CloudFormation, in dependency order, and fails on a stack that
 * does not reach CREATE_COMPLETE. moto creates the service but schedules no task, so the service's two tasks
 * (one per subnet, as ECS spreads them) are started here with RunTask in the group ECS gives service tasks.
 */
export async function deployToMoto(endpoint: string, assemblyDir: string): Promise<void> {
  await keepTasksRunning(endpoint);
  const config = clientConfig(endpoint);
  await new SSMClient(config).send(
    new PutParameterCommand({ Name: BOOTSTRAP_VERSION, Value: '30', Type: 'String', Overwrite: true }),
  );
  const cloudFormation = new CloudFormationClient(config);
  // A CDK assembly names every stack; the artifact id stands in for the type's sake.
  const stacks = loadAssembly(assemblyDir)
    .stacks.map((stack) => ({ name: stack.stackName ?? stack.name, file: stack.file }))
    .sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
  for (const stack of stacks) {
    await cloudFormation.send(
      new CreateStackCommand({
        StackName: stack.name,
        TemplateBody: readFileSync(stack.file, 'utf8'),
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
      }),
    );
    const status = (await cloudFormation.send(new DescribeStacksCommand({ StackName: stack.name })))
      .Stacks?.[0]?.StackStatus;
    if (status !== 'CREATE_COMPLETE') throw new Error(`${stack.name} in moto: ${status}`);
  }
  await startServiceTasks(endpoint, cloudFormation, join(assemblyDir));
}

/**
 * moto walks a task from RUNNING to STOPPED a little on every DescribeTasks; on ECS a task runs until it
 * stops or is stopped. Its state manager holds tasks in RUNNING until StopTask:
 * https://docs.getmoto.org/en/latest/docs/configuration/state_transition/index.html
 */
async function keepTasksRunning(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/state-manager/set-transition`, {
    method: 'POST',
    body: JSON.stringify({
      model_name: 'ecs::task',
      transition: { progression: 'manual', times: 1_000_000 },
    }),
  });
  if (!response.ok) throw new Error(`moto's state manager answered ${response.status}`);
}

async function startServiceTasks(
  endpoint: string,
  cloudFormation: CloudFormationClient,
  assemblyDir: string,
) {
  const workload = loadAssembly(assemblyDir).stacks.find((stack) => stack.stackName === 'MoatWorkload');
  if (workload === undefined) return;
  const resources = await cloudFormation.send(
    new DescribeStackResourcesCommand({ StackName: 'MoatWorkload' }),
  );
  const serviceArn = resources.StackResources?.find(
    (r) => r.ResourceType === 'AWS::ECS::Service',
  )?.PhysicalResourceId;
  if (serviceArn === undefined) return;
  const [, cluster, name] = /:service\/([^/]+)\/([^/]+)$/.exec(serviceArn) ?? [];
  const ecs = new ECSClient(clientConfig(endpoint));
  const service = (await ecs.send(new DescribeServicesCommand({ cluster, services: [serviceArn] })))
    .services?.[0];
  const network = service?.networkConfiguration?.awsvpcConfiguration;
  for (const subnet of network?.subnets ?? []) {
    await ecs.send(
      new RunTaskCommand({
        cluster,
        taskDefinition: service?.taskDefinition,
        launchType: 'FARGATE',
        group: `service:${name}`,
        startedBy: 'ecs-svc/moto-stands-in-for-the-scheduler',
        networkConfiguration: {
          awsvpcConfiguration: { subnets: [subnet], securityGroups: network?.securityGroups },
        },
      }),
    );
  }
}
