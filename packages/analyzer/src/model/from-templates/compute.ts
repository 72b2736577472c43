import { isJsonObject } from '../../cfn/template.js';
import type { Value } from '../../cfn/values.js';
import { appendTo } from '../../collections.js';
import type {
  EcsService,
  ElementId,
  Instance,
  Listener,
  LoadBalancer,
  Resolved,
  TargetGroup,
} from '../types.js';
import { known, unknown } from '../types.js';
import { containerInstancePlacement } from './container-instances.js';
import { type BuildContext, bool, type CfnElement, field, list, num, str } from './context.js';
import { buildListenerRules, listenerActions } from './listener-rules.js';

const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const SUBNET = 'AWS::EC2::Subnet';
const SECURITY_GROUP = 'AWS::EC2::SecurityGroup';

export interface ComputeElements {
  readonly loadBalancers: LoadBalancer[];
  readonly targetGroups: TargetGroup[];
  readonly ecsServices: EcsService[];
  readonly instances: Instance[];
}

export function buildCompute(context: BuildContext): ComputeElements {
  const ecsServices = context
    .ofType('AWS::ECS::Service')
    .flatMap((service) => buildService(context, service));
  return {
    loadBalancers: buildLoadBalancers(context),
    targetGroups: context.ofType(TARGET_GROUP).map((group) => buildTargetGroup(context, group, ecsServices)),
    ecsServices,
    instances: context.ofType('AWS::EC2::Instance').flatMap((instance) => buildInstance(context, instance)),
  };
}

const references = (
  context: BuildContext,
  value: Value | undefined,
  ...types: string[]
): Resolved<ElementId>[] => list(value).map((item) => context.reference(item, ...types));

const knownIds = (context: BuildContext, value: Value | undefined, ...types: string[]): ElementId[] =>
  references(context, value, ...types).flatMap((id) => (id.known ? [id.value] : []));

function buildLoadBalancers(context: BuildContext): LoadBalancer[] {
  const rulesOf = buildListenerRules(context);
  const listeners = new Map<ElementId, Listener[]>();
  for (const listener of context.ofType(LISTENER)) {
    const loadBalancerId = context.link(listener, 'LoadBalancerArn', LOAD_BALANCER);
    if (loadBalancerId === undefined) continue;
    appendTo(listeners, loadBalancerId, {
      id: listener.id,
      source: listener.source,
      port: num(listener.prop('Port')) ?? 0,
      protocol: String(listener.prop('Protocol') ?? ''),
      defaultActions: listenerActions(context, listener.prop('DefaultActions')),
      rules: rulesOf.get(listener.id) ?? [],
    });
  }
  return context.ofType(LOAD_BALANCER).map((balancer): LoadBalancer => {
    const kind = balancer.prop('Type') === 'network' ? 'network' : 'application';
    const mappings = list(balancer.prop('SubnetMappings'));
    const privateIpsBySubnet: Record<ElementId, Resolved<string>> = {};
    for (const mapping of mappings) {
      const subnet = context.reference(field(mapping, 'SubnetId'), SUBNET);
      const address = field(mapping, 'PrivateIPv4Address');
      if (subnet.known && address !== undefined)
        privateIpsBySubnet[subnet.value] = str(address, 'PrivateIPv4Address');
    }
    const subnetIds = [
      ...knownIds(context, balancer.prop('Subnets'), SUBNET),
      ...mappings.flatMap((mapping) => knownIds(context, field(mapping, 'SubnetId'), SUBNET)),
    ];
    const crossZone = list(balancer.prop('LoadBalancerAttributes')).find(
      (attribute) => field(attribute, 'Key') === 'load_balancing.cross_zone.enabled',
    );
    return {
      id: balancer.id,
      source: balancer.source,
      kind,
      scheme: balancer.prop('Scheme') === 'internal' ? 'internal' : 'internet-facing',
      subnetIds,
      privateIpsBySubnet,
      securityGroupIds: references(context, balancer.prop('SecurityGroups'), SECURITY_GROUP),
      // Cross-zone is always on for ALBs and off by default for NLBs:
      // https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#cross-zone-load-balancing
      crossZone: kind === 'application' || bool(field(crossZone, 'Value'), false),
      listeners: listeners.get(balancer.id) ?? [],
      // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
      privateLinkInboundRules:
        balancer.prop('EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic') !== 'off',
    };
  });
}

function buildTargetGroup(
  context: BuildContext,
  group: CfnElement,
  services: readonly EcsService[],
): TargetGroup {
  const type = group.prop('TargetType');
  const vpcId = context.reference(group.prop('VpcId'), 'AWS::EC2::VPC');
  const healthCheckPath = group.prop('HealthCheckPath');
  return {
    id: group.id,
    source: group.source,
    targetType: type === 'ip' || type === 'alb' || type === 'lambda' ? type : 'instance',
    port: num(group.prop('Port')) ?? 0,
    protocol: String(group.prop('Protocol') ?? ''),
    ...(vpcId.known ? { vpcId: vpcId.value } : {}),
    ...(typeof healthCheckPath === 'string' ? { healthCheckPath } : {}),
    targets: list(group.prop('Targets')).map((target) => {
      const port = num(field(target, 'Port'));
      const zone = field(target, 'AvailabilityZone');
      return {
        address: targetAddress(context, field(target, 'Id')),
        ...(port !== undefined ? { port } : {}),
        ...(typeof zone === 'string' ? { availabilityZone: zone } : {}),
      };
    }),
    ecsServiceIds: services
      .filter((service) => service.targetGroupIds.includes(group.id))
      .map((service) => service.id),
    ...booleanAttribute(group, 'load_balancing.cross_zone.enabled', 'crossZone'),
    ...booleanAttribute(group, 'preserve_client_ip.enabled', 'preserveClientIp'),
  };
}

/**
 * A target group attribute set to `true` or `false` in `TargetGroupAttributes`, under `name`; any other value
 * (`use_load_balancer_configuration`, absent) leaves the default.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html
 */
function booleanAttribute<Name extends string>(
  group: CfnElement,
  key: string,
  name: Name,
): Partial<Record<Name, boolean>> {
  const value = field(
    list(group.prop('TargetGroupAttributes')).find((attribute) => field(attribute, 'Key') === key),
    'Value',
  );
  const text = typeof value === 'boolean' ? String(value) : value;
  return text === 'true' || text === 'false' ? ({ [name]: text === 'true' } as Record<Name, boolean>) : {};
}

/** An IP target is an address; an instance target is named by the instance's element id. */
function targetAddress(context: BuildContext, value: Value | undefined): Resolved<string> {
  const instance = context.reference(value, 'AWS::EC2::Instance');
  return instance.known ? instance : str(value, 'target Id');
}

function buildService(context: BuildContext, service: CfnElement): EcsService[] {
  const vpcConfig = field(service.prop('NetworkConfiguration'), 'AwsvpcConfiguration');
  const taskDefinitionId = context.reference(service.prop('TaskDefinition'), 'AWS::ECS::TaskDefinition');
  const taskDefinition = taskDefinitionId.known ? context.element(taskDefinitionId.value) : undefined;
  const launchType = service.prop('LaunchType');
  const units = (property: string, divisor: number): Resolved<number> => {
    const value = num(taskDefinition?.prop(property));
    return value === undefined
      ? unknown(`the task definition's ${property} is not set in the template`)
      : known(value / divisor);
  };
  const containerPorts = list(taskDefinition?.prop('ContainerDefinitions')).flatMap((container) =>
    list(field(container, 'PortMappings')).flatMap((mapping) => {
      const port = num(field(mapping, 'ContainerPort'));
      return port === undefined ? [] : [port];
    }),
  );
  const targetGroupPorts = Object.fromEntries(
    list(service.prop('LoadBalancers')).flatMap((balancer) => {
      const port = num(field(balancer, 'ContainerPort'));
      const groups = knownIds(context, field(balancer, 'TargetGroupArn'), TARGET_GROUP);
      return port === undefined ? [] : groups.map((id) => [id, port]);
    }),
  );
  // ECS Anywhere (EXTERNAL) runs tasks on servers outside AWS, not on instances of the templates.
  const placement =
    vpcConfig === undefined && launchType !== 'EXTERNAL'
      ? containerInstancePlacement(context, service, taskDefinition, targetGroupPorts)
      : undefined;
  return [
    {
      id: service.id,
      source: service.source,
      startupServices: startupServices(taskDefinition),
      ...(placement !== undefined
        ? placement
        : {
            subnetIds: knownIds(context, field(vpcConfig, 'Subnets'), SUBNET),
            securityGroupIds: references(context, field(vpcConfig, 'SecurityGroups'), SECURITY_GROUP),
            assignPublicIp: field(vpcConfig, 'AssignPublicIp') === 'ENABLED',
          }),
      desiredCount: num(service.prop('DesiredCount')) ?? 1,
      // Fargate requires the awsvpc network mode, so a task in bridge or host mode runs on EC2 whatever the
      // service names: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html
      launchType:
        launchType === 'EC2' || launchType === 'EXTERNAL'
          ? launchType
          : placement !== undefined
            ? 'EC2'
            : 'FARGATE',
      // Fargate task size: CPU units (1024 = 1 vCPU) and MiB.
      cpuVcpu: units('Cpu', 1024),
      memoryGb: units('Memory', 1024),
      containerPorts,
      targetGroupIds: list(service.prop('LoadBalancers')).flatMap((balancer) =>
        knownIds(context, field(balancer, 'TargetGroupArn'), TARGET_GROUP),
      ),
      targetGroupPorts,
    },
  ];
}

/**
 * What a task reaches before its application runs: a private ECR image through the ECR API, the Docker registry
 * and S3, which holds its layers (https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html); the
 * `awslogs` driver's CloudWatch Logs (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html).
 * An image is in ECR when its text names a `.dkr.ecr.` registry or reads a repository's `RepositoryUri`.
 */
function startupServices(taskDefinition: CfnElement | undefined): string[] {
  const containers = taskDefinition?.raw('ContainerDefinitions');
  if (!Array.isArray(containers)) return [];
  const inEcr = containers.some((container) => {
    const image = JSON.stringify(isJsonObject(container) ? (container.Image ?? '') : '');
    return image.includes('.dkr.ecr.') || image.includes('RepositoryUri');
  });
  const awslogs = containers.some(
    (container) =>
      isJsonObject(container) &&
      isJsonObject(container.LogConfiguration) &&
      container.LogConfiguration.LogDriver === 'awslogs',
  );
  return [...(inEcr ? ['ecr.api', 'ecr.dkr', 's3'] : []), ...(awslogs ? ['logs'] : [])];
}

function buildInstance(context: BuildContext, instance: CfnElement): Instance[] {
  const primary = list(instance.prop('NetworkInterfaces')).find(
    (eni) => num(field(eni, 'DeviceIndex')) === 0,
  );
  const subnetId = context.reference(
    primary ? field(primary, 'SubnetId') : instance.prop('SubnetId'),
    SUBNET,
  );
  if (!subnetId.known) {
    context.warn(
      `${instance.source.logicalId} is left out: its subnet is unknown (${subnetId.reason})`,
      instance.source,
    );
    return [];
  }
  const subnet = context.element(subnetId.value);
  const hasElasticIp = context
    .ofType('AWS::EC2::EIP')
    .some((eip) => context.refersTo(eip.prop('InstanceId'), instance.id));
  const publicIp = primary
    ? bool(field(primary, 'AssociatePublicIpAddress'), bool(subnet?.prop('MapPublicIpOnLaunch'), false))
    : bool(subnet?.prop('MapPublicIpOnLaunch'), false);
  const privateIp = primary ? field(primary, 'PrivateIpAddress') : instance.prop('PrivateIpAddress');
  return [
    {
      id: instance.id,
      source: instance.source,
      subnetId: subnetId.value,
      ...(typeof privateIp === 'string' ? { privateIp } : {}),
      securityGroupIds: references(
        context,
        primary
          ? field(primary, 'GroupSet')
          : [...list(instance.prop('SecurityGroupIds')), ...list(instance.prop('SecurityGroups'))],
        SECURITY_GROUP,
      ),
      publicIp: publicIp || hasElasticIp,
      instanceType: str(instance.prop('InstanceType'), 'InstanceType'),
      userData: instance.raw('UserData') !== undefined,
    },
  ];
}
