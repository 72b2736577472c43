import { isJsonObject, type Json } from '../../cfn/template.js';
import { ResourceRef, type Value } from '../../cfn/values.js';
import type { ContainerInstances, ElementId, HostPort, Resolved } from '../types.js';
import { type BuildContext, bool, type CfnElement, field, list, num } from './context.js';

const SUBNET = 'AWS::EC2::Subnet';
const SECURITY_GROUP = 'AWS::EC2::SecurityGroup';

/** Where the tasks of a service without an ENI of their own run, and with which network settings. */
export interface Placement {
  readonly subnetIds: readonly ElementId[];
  readonly securityGroupIds: readonly Resolved<ElementId>[];
  readonly assignPublicIp: boolean;
  readonly containerInstances: ContainerInstances | { readonly unknown: string };
}

/**
 * A task in `bridge` (the default on Linux when the task definition names no network mode) or `host` network
 * mode has no ENI of its own: it runs on a container instance of its cluster and uses that instance's ENI, subnet
 * and security groups. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html
 * An instance joins the cluster its ECS agent reads from `ECS_CLUSTER` in `/etc/ecs/ecs.config`, which user data
 * (or the cfn-init commands it runs) writes; without it the agent joins `default`.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bootstrap_container_instance.html
 * Undefined for a task in `awsvpc` mode (its service's own subnets apply) or `none` mode (no connectivity).
 */
export function containerInstancePlacement(
  context: BuildContext,
  service: CfnElement,
  taskDefinition: CfnElement | undefined,
  targetGroupPorts: Readonly<Record<ElementId, number>>,
): Placement | undefined {
  const mode = taskDefinition?.prop('NetworkMode') ?? 'bridge';
  if (mode !== 'bridge' && mode !== 'host') return undefined;
  const name = service.source.logicalId;
  const unknownPlacement = (reason: string): Placement => ({
    subnetIds: [],
    securityGroupIds: [],
    assignPublicIp: false,
    containerInstances: {
      unknown: `ECS service ${name} runs its tasks on container instances (${mode} network mode), ${reason}`,
    },
  });
  const cluster = context.reference(service.prop('Cluster'), 'AWS::ECS::Cluster');
  if (!cluster.known)
    return unknownPlacement(`and its cluster is not one of the templates (${cluster.reason})`);
  const groups = context.ofType('AWS::AutoScaling::AutoScalingGroup').flatMap((group) => {
    const launch = launchSettings(context, group);
    return launch !== undefined && joinsCluster(context, launch, cluster.value) ? [{ group, launch }] : [];
  });
  const [joining, ...others] = groups;
  if (joining === undefined)
    return unknownPlacement(
      `and no Auto Scaling group of the templates launches instances whose user data sets ECS_CLUSTER to ${cluster.value.split('/').pop()}: which instances they run on the templates do not say`,
    );
  if (others.length > 0)
    return unknownPlacement(
      `and the Auto Scaling groups ${groups.map(({ group }) => group.source.logicalId).join(', ')} all join its cluster: which one runs a task the templates do not say`,
    );
  const subnetIds = list(joining.group.prop('VPCZoneIdentifier')).flatMap((subnet) => {
    const id = context.reference(subnet, SUBNET);
    return id.known ? [id.value] : [];
  });
  if (subnetIds.length === 0)
    return unknownPlacement(
      `and the subnets of ${joining.group.source.logicalId} (VPCZoneIdentifier) are not in the templates`,
    );
  return {
    subnetIds,
    securityGroupIds: list(joining.launch.securityGroups).map((group) =>
      context.reference(group, SECURITY_GROUP),
    ),
    // The launch settings' AssociatePublicIpAddress, else each subnet's MapPublicIpOnLaunch:
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-autoscaling-launchconfiguration.html#cfn-autoscaling-launchconfiguration-associatepublicipaddress
    assignPublicIp: bool(
      joining.launch.associatePublicIp,
      subnetIds.every((id) => bool(context.element(id)?.prop('MapPublicIpOnLaunch'), false)),
    ),
    containerInstances: {
      autoScalingGroup: joining.group.source,
      hostPorts: hostPorts(taskDefinition, mode, targetGroupPorts),
    },
  };
}

/** What an Auto Scaling group's instances are launched with: the scripts they run at boot and their security groups. */
interface LaunchSettings {
  readonly element: CfnElement;
  /** `UserData` and the launch resource's `AWS::CloudFormation::Init` metadata (cfn-init runs from user data). */
  readonly scripts: readonly (Json | undefined)[];
  readonly securityGroups: Value | undefined;
  readonly associatePublicIp: Value | undefined;
}

/** A launch configuration, or a launch template (its primary interface's groups when it lists interfaces). */
function launchSettings(context: BuildContext, group: CfnElement): LaunchSettings | undefined {
  const configurationId = context.reference(
    group.prop('LaunchConfigurationName'),
    'AWS::AutoScaling::LaunchConfiguration',
  );
  const configuration = configurationId.known ? context.element(configurationId.value) : undefined;
  if (configuration !== undefined)
    return {
      element: configuration,
      scripts: [configuration.raw('UserData'), configuration.metadata('AWS::CloudFormation::Init')],
      securityGroups: configuration.prop('SecurityGroups'),
      associatePublicIp: configuration.prop('AssociatePublicIpAddress'),
    };
  const specification = group.prop('LaunchTemplate');
  const templateId = context.reference(
    field(specification, 'LaunchTemplateId') ?? field(specification, 'LaunchTemplateName'),
    'AWS::EC2::LaunchTemplate',
  );
  const template = templateId.known ? context.element(templateId.value) : undefined;
  if (template === undefined) return undefined;
  const written = template.raw('LaunchTemplateData');
  const data = template.prop('LaunchTemplateData');
  const primary = list(field(data, 'NetworkInterfaces')).find((eni) => num(field(eni, 'DeviceIndex')) === 0);
  return {
    element: template,
    scripts: [
      isJsonObject(written) ? written.UserData : undefined,
      template.metadata('AWS::CloudFormation::Init'),
    ],
    securityGroups: primary ? field(primary, 'Groups') : field(data, 'SecurityGroupIds'),
    associatePublicIp: field(primary, 'AssociatePublicIpAddress'),
  };
}

/** True when a script writes `ECS_CLUSTER=` followed by a reference that resolves to the cluster. */
function joinsCluster(context: BuildContext, launch: LaunchSettings, clusterId: ElementId): boolean {
  const stack = launch.element.source.stack;
  return launch.scripts.some((script) =>
    clusterExpressions(script).some((expression) => {
      const value = context.resolver.resolve(stack, expression);
      return value instanceof ResourceRef && value.elementId === clusterId;
    }),
  );
}

const AFTER_ECS_CLUSTER = /ECS_CLUSTER=\$\{([A-Za-z0-9:]+)\}/g;

/**
 * The expressions written right after `ECS_CLUSTER=` anywhere in `json`: `${Name}` in an `Fn::Sub` string (a
 * variable of its map, else `Ref Name`), or the item after a string ending in `ECS_CLUSTER=` in an `Fn::Join`.
 */
function clusterExpressions(json: Json | undefined): Json[] {
  if (Array.isArray(json)) return json.flatMap(clusterExpressions);
  if (!isJsonObject(json)) return [];
  const sub = json['Fn::Sub'];
  if (sub !== undefined) {
    const [text, variables] = Array.isArray(sub) ? sub : [sub, undefined];
    if (typeof text === 'string')
      return [...text.matchAll(AFTER_ECS_CLUSTER)].flatMap((match) => {
        const name = match[1] ?? '';
        const variable = isJsonObject(variables) ? variables[name] : undefined;
        return [variable ?? { Ref: name }];
      });
  }
  const join = json['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) {
    const parts = join[1];
    return parts.flatMap((part, position) => {
      const next = parts[position + 1];
      return typeof part === 'string' && part.endsWith('ECS_CLUSTER=') && next !== undefined ? [next] : [];
    });
  }
  return Object.values(json).flatMap(clusterExpressions);
}

/**
 * The host port a container instance maps to each registered container port. In `host` mode it is the container
 * port; in `bridge` mode the mapping's `HostPort`, or, when it is absent or 0, a port the agent picks from the
 * instance's ephemeral range (dynamic port mapping).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-taskdefinition-portmapping.html
 */
function hostPorts(
  taskDefinition: CfnElement | undefined,
  mode: 'bridge' | 'host',
  targetGroupPorts: Readonly<Record<ElementId, number>>,
): Record<ElementId, HostPort> {
  const mappings = list(taskDefinition?.prop('ContainerDefinitions')).flatMap((container) =>
    list(field(container, 'PortMappings')),
  );
  return Object.fromEntries(
    Object.entries(targetGroupPorts).map(([groupId, containerPort]): [ElementId, HostPort] => {
      if (mode === 'host') return [groupId, containerPort];
      const mapping = mappings.find((candidate) => num(field(candidate, 'ContainerPort')) === containerPort);
      const hostPort = num(field(mapping, 'HostPort')) ?? 0;
      return [groupId, hostPort === 0 ? 'dynamic' : hostPort];
    }),
  );
}
