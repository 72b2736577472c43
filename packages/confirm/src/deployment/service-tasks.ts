import { DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import type { EcsService, NetworkModel } from '@moat/analyzer';
import type { AccountClients } from '../aws/clients.js';
import { callAws } from '../errors.js';
import type { Deployment } from './map-deployment.js';

/** The running ECS service of the step: what the live checks start from. */
export interface ServiceTasks {
  readonly service: EcsService;
  readonly clients: AccountClients;
  readonly cluster: string;
  readonly serviceArn: string;
  readonly taskDefinition: string;
  readonly securityGroups: readonly string[];
  readonly assignPublicIp: 'ENABLED' | 'DISABLED';
  /** The service's subnets by AZ: a probe task runs in each. */
  readonly subnetsByAz: ReadonlyMap<string, string>;
  /** The ENI of one running task in each AZ: the source of Reachability Analyzer's paths. */
  readonly eniByAz: ReadonlyMap<string, string>;
}

/**
 * ECS `DescribeServices` for the service's network configuration and task definition, then `ListTasks` and
 * `DescribeTasks` for the ENIs of its running tasks. A service's tasks are the ones whose `group` is
 * `service:<name>` (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Task.html).
 * Returns the reason when there is nothing to start from.
 */
export async function findServiceTasks(
  model: NetworkModel,
  deployment: Deployment,
): Promise<ServiceTasks | string> {
  const service = model.ecsServices[0];
  if (service === undefined) return 'the assembly has no ECS service';
  const serviceArn = deployment.physicalId(service.id);
  if (serviceArn === undefined) return `${service.source.logicalId} is not deployed`;
  const clients = deployment.clientsOf(service.source.stack);
  // arn:aws:ecs:region:account:service/CLUSTER/SERVICE (the long ARN format, the default since 2021).
  const [, cluster, serviceName] = /:service\/([^/]+)\/([^/]+)$/.exec(serviceArn) ?? [];
  if (cluster === undefined || serviceName === undefined)
    return `${serviceArn} is not a service ARN in the long format (service/CLUSTER/NAME)`;
  const described = await callAws('ecs:DescribeServices', clients.context, () =>
    clients.ecs.send(new DescribeServicesCommand({ cluster, services: [serviceArn] })),
  );
  const live = described.services?.[0];
  const network = live?.networkConfiguration?.awsvpcConfiguration;
  if (live?.taskDefinition === undefined || network?.subnets === undefined)
    return `ECS does not describe ${serviceName} with a task definition and awsvpc subnets`;
  const listed = await callAws('ecs:ListTasks', clients.context, () =>
    clients.ecs.send(new ListTasksCommand({ cluster, serviceName, desiredStatus: 'RUNNING' })),
  );
  const taskArns = listed.taskArns ?? [];
  const tasks =
    taskArns.length === 0
      ? []
      : ((
          await callAws('ecs:DescribeTasks', clients.context, () =>
            clients.ecs.send(new DescribeTasksCommand({ cluster, tasks: taskArns.slice(0, 100) })),
          )
        ).tasks ?? []);
  const zoneOf = (subnetId: string): string | undefined => {
    const elementId = deployment.elementIdOf(subnetId);
    const subnet = model.subnets.find((candidate) => candidate.id === elementId);
    return subnet?.availabilityZone.known ? subnet.availabilityZone.value : undefined;
  };
  const eniByAz = new Map<string, string>();
  for (const task of tasks) {
    if (task.group !== `service:${serviceName}` || task.lastStatus !== 'RUNNING') continue;
    const details = task.attachments?.find(
      (attachment) => attachment.type === 'ElasticNetworkInterface',
    )?.details;
    const eni = details?.find((detail) => detail.name === 'networkInterfaceId')?.value;
    const subnet = details?.find((detail) => detail.name === 'subnetId')?.value;
    // The model's key for the task's subnet first: a trace names AZs as the templates place subnets (an AZ ID,
    // or the networking account's name in step 10), which need not be the name this account gives the AZ.
    const zone = (subnet === undefined ? undefined : zoneOf(subnet)) ?? task.availabilityZone;
    if (eni !== undefined && zone !== undefined && !eniByAz.has(zone)) eniByAz.set(zone, eni);
  }
  const subnetsByAz = new Map<string, string>();
  for (const subnet of network.subnets) {
    const zone = zoneOf(subnet);
    if (zone !== undefined && !subnetsByAz.has(zone)) subnetsByAz.set(zone, subnet);
  }
  return {
    service,
    clients,
    cluster,
    serviceArn,
    taskDefinition: live.taskDefinition,
    securityGroups: network.securityGroups ?? [],
    assignPublicIp: network.assignPublicIp === 'ENABLED' ? 'ENABLED' : 'DISABLED',
    subnetsByAz,
    eniByAz,
  };
}
