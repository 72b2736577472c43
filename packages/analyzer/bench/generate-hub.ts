import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnResource, CfnTemplate, Json, JsonObject } from '../src/cfn/template.js';
import { formatIpv4, parseCidr } from '../src/model/ip.js';

/**
 * A hub-and-spoke network of any size, as the CloudFormation templates a platform team would deploy: one
 * network stack (egress VPC with a Network Firewall, the transit gateway and its two route tables) and spoke
 * stacks that each hold a batch of application VPCs, one ECS Fargate service per VPC. The benchmark verifies it
 * at 200 and 400 spokes to show how the analyzer scales; the output is the same for the same spoke count.
 */

export interface GeneratedStack {
  readonly name: string;
  readonly template: CfnTemplate;
}

const ACCOUNT = '111111111111';
const REGION = 'eu-central-1';
const ZONES = ['eu-central-1a', 'eu-central-1b'] as const;
const NETWORK_STACK = 'HubNetwork';
/** The egress VPC sits outside the spokes' supernet, so one summary route covers every spoke. */
const EGRESS_VPC_CIDR = '10.0.0.0/16';
/** Spokes get consecutive /22 blocks of 10.64.0.0/10, which is also the firewall's HOME_NET. */
const SPOKE_SUPERNET = '10.64.0.0/10';
const SPOKE_BLOCK_SIZE = 1024;
const MAX_SPOKES = 4096;
/**
 * About 20 resources per spoke: 20 spokes keep a stack well under CloudFormation's 500 resources per stack.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 */
const SPOKES_PER_STACK = 20;
/** The domains the firewall passes; the first is the egress-allowed flow's destination. */
const ALLOWED_DOMAINS = ['api.binance.com', '.github.com', 'registry.npmjs.org'];
/** What a Fargate task needs without the internet: ECR API and Docker, CloudWatch Logs (plus S3, a gateway). */
const INTERFACE_ENDPOINT_SERVICES = ['ecr.api', 'ecr.dkr', 'logs'] as const;
const CONTAINER_PORT = 8080;

const EXPORTS = {
  transitGatewayId: `${NETWORK_STACK}:TransitGatewayId`,
  spokeRouteTableId: `${NETWORK_STACK}:SpokeRouteTableId`,
  egressRouteTableId: `${NETWORK_STACK}:EgressRouteTableId`,
  flowLogBucketArn: `${NETWORK_STACK}:FlowLogBucketArn`,
} as const;

export function generateHubTemplates(spokes: number): readonly GeneratedStack[] {
  if (!Number.isInteger(spokes) || spokes < 1 || spokes > MAX_SPOKES) {
    throw new RangeError(
      `The hub needs a whole number of spokes from 1 to ${MAX_SPOKES} (one /22 of ${SPOKE_SUPERNET} each), received ${spokes}.`,
    );
  }
  const spokeStacks: GeneratedStack[] = [];
  for (let first = 0; first < spokes; first += SPOKES_PER_STACK) {
    const indices = range(first, Math.min(first + SPOKES_PER_STACK, spokes));
    spokeStacks.push(spokeStack(`HubSpokes${pad(spokeStacks.length + 1, 2)}`, indices));
  }
  return [networkStack(), ...spokeStacks];
}

/**
 * Writes the stacks as a minimal CDK cloud assembly (`manifest.json` with one stack artifact each, deployed to
 * one account and region) and returns the folder.
 */
export function writeHubAssembly(directory: string, spokes: number): string {
  const stacks = generateHubTemplates(spokes);
  mkdirSync(directory, { recursive: true });
  const artifacts: Record<string, Json> = {};
  for (const { name, template } of stacks) {
    const templateFile = `${name}.template.json`;
    writeFileSync(join(directory, templateFile), JSON.stringify(template));
    artifacts[name] = {
      type: 'aws:cloudformation:stack',
      environment: `aws://${ACCOUNT}/${REGION}`,
      properties: { templateFile },
    };
  }
  writeFileSync(join(directory, 'manifest.json'), JSON.stringify({ version: '48.0.0', artifacts }, null, 2));
  return directory;
}

/** The address block of spoke `index` (0-based): the index-th /22 of the supernet. */
export function spokeCidr(index: number): string {
  return `${formatIpv4(firstAddress(SPOKE_SUPERNET) + index * SPOKE_BLOCK_SIZE)}/22`;
}

function firstAddress(cidr: string): number {
  const parsed = parseCidr(cidr);
  if (parsed === undefined) throw new Error(`generate-hub: ${cidr} is not a CIDR`);
  return parsed.first;
}

// --- the network stack ---------------------------------------------------------------------------------------

function networkStack(): GeneratedStack {
  const resources = new Resources(NETWORK_STACK);
  resources.add('EgressVpc', 'AWS::EC2::VPC', {
    CidrBlock: EGRESS_VPC_CIDR,
    EnableDnsHostnames: true,
    EnableDnsSupport: true,
  });
  resources.add('FlowLogBucket', 'AWS::S3::Bucket', {
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    },
  });
  resources.add(
    'EgressVpcFlowLog',
    'AWS::EC2::FlowLog',
    flowLog(ref('EgressVpc'), getAtt('FlowLogBucket', 'Arn')),
  );
  resources.add('EgressIgw', 'AWS::EC2::InternetGateway', {});
  resources.add('EgressIgwAttachment', 'AWS::EC2::VPCGatewayAttachment', {
    VpcId: ref('EgressVpc'),
    InternetGatewayId: ref('EgressIgw'),
  });
  resources.add('TransitGateway', 'AWS::EC2::TransitGateway', {
    DefaultRouteTableAssociation: 'disable',
    DefaultRouteTablePropagation: 'disable',
    Description: 'Hub: spokes reach the internet only through the egress VPC',
  });

  // Per AZ: transit (attachment) subnet → firewall endpoint → firewall subnet → NAT → public subnet → IGW,
  // and the reverse for replies: public subnet → the same AZ's endpoint → firewall subnet → TGW.
  ZONES.forEach((zone, zoneIndex) => {
    const az = zoneLetter(zoneIndex);
    const endpoint = firewallEndpointId(zone);
    subnetWithTable(resources, `EgressTransit${az}`, zone, `10.0.0.${zoneIndex * 16}/28`, [
      ['Default', { DestinationCidrBlock: '0.0.0.0/0', VpcEndpointId: endpoint }],
    ]);
    subnetWithTable(resources, `EgressFirewall${az}`, zone, `10.0.1.${zoneIndex * 16}/28`, [
      ['Default', { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref(`EgressNat${az}`) }],
      ['Spokes', { DestinationCidrBlock: SPOKE_SUPERNET, TransitGatewayId: ref('TransitGateway') }],
    ]);
    subnetWithTable(resources, `EgressPublic${az}`, zone, `10.0.${2 + zoneIndex}.0/24`, [
      ['Default', { DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('EgressIgw') }],
      ['Spokes', { DestinationCidrBlock: SPOKE_SUPERNET, VpcEndpointId: endpoint }],
    ]);
    resources.add(`EgressNat${az}Eip`, 'AWS::EC2::EIP', { Domain: 'vpc' });
    resources.add(`EgressNat${az}`, 'AWS::EC2::NatGateway', {
      SubnetId: ref(`EgressPublic${az}`),
      AllocationId: getAtt(`EgressNat${az}Eip`, 'AllocationId'),
    });
  });

  resources.add('EgressAttachment', 'AWS::EC2::TransitGatewayVpcAttachment', {
    TransitGatewayId: ref('TransitGateway'),
    VpcId: ref('EgressVpc'),
    SubnetIds: ZONES.map((_, zoneIndex) => ref(`EgressTransit${zoneLetter(zoneIndex)}`)),
    // Keeps both directions of a flow on one AZ's firewall endpoint, which a stateful firewall needs.
    Options: { ApplianceModeSupport: 'enable' },
  });
  resources.add('SpokeRouteTable', 'AWS::EC2::TransitGatewayRouteTable', {
    TransitGatewayId: ref('TransitGateway'),
  });
  resources.add('SpokeDefaultRoute', 'AWS::EC2::TransitGatewayRoute', {
    TransitGatewayRouteTableId: ref('SpokeRouteTable'),
    DestinationCidrBlock: '0.0.0.0/0',
    TransitGatewayAttachmentId: ref('EgressAttachment'),
  });
  resources.add('EgressRouteTable', 'AWS::EC2::TransitGatewayRouteTable', {
    TransitGatewayId: ref('TransitGateway'),
  });
  resources.add('EgressRouteTableAssociation', 'AWS::EC2::TransitGatewayRouteTableAssociation', {
    TransitGatewayRouteTableId: ref('EgressRouteTable'),
    TransitGatewayAttachmentId: ref('EgressAttachment'),
  });
  addFirewall(resources);

  return {
    name: NETWORK_STACK,
    template: {
      Resources: resources.template,
      Outputs: {
        TransitGatewayId: exported(ref('TransitGateway'), EXPORTS.transitGatewayId),
        SpokeRouteTableId: exported(ref('SpokeRouteTable'), EXPORTS.spokeRouteTableId),
        EgressRouteTableId: exported(ref('EgressRouteTable'), EXPORTS.egressRouteTableId),
        FlowLogBucketArn: exported(getAtt('FlowLogBucket', 'Arn'), EXPORTS.flowLogBucketArn),
      },
    },
  };
}

/** Strict order, default drop, a domain allow list, and HOME_NET widened to every spoke. */
function addFirewall(resources: Resources): void {
  resources.add('EgressDomainAllowList', 'AWS::NetworkFirewall::RuleGroup', {
    Capacity: 100,
    RuleGroupName: 'hub-egress-domains',
    Type: 'STATEFUL',
    RuleGroup: {
      RulesSource: {
        RulesSourceList: {
          Targets: ALLOWED_DOMAINS,
          TargetTypes: ['TLS_SNI', 'HTTP_HOST'],
          GeneratedRulesType: 'ALLOWLIST',
        },
      },
      StatefulRuleOptions: { RuleOrder: 'STRICT_ORDER' },
    },
  });
  resources.add('EgressFirewallPolicy', 'AWS::NetworkFirewall::FirewallPolicy', {
    FirewallPolicyName: 'hub-egress',
    FirewallPolicy: {
      StatelessDefaultActions: ['aws:forward_to_sfe'],
      StatelessFragmentDefaultActions: ['aws:forward_to_sfe'],
      StatefulDefaultActions: ['aws:drop_established', 'aws:alert_established'],
      StatefulEngineOptions: { RuleOrder: 'STRICT_ORDER' },
      StatefulRuleGroupReferences: [
        { Priority: 100, ResourceArn: getAtt('EgressDomainAllowList', 'RuleGroupArn') },
      ],
      // Spoke traffic reaches the central firewall from outside the egress VPC: HOME_NET must name the spokes.
      PolicyVariables: { RuleVariables: { HOME_NET: { Definition: [SPOKE_SUPERNET] } } },
    },
  });
  resources.add('EgressFirewall', 'AWS::NetworkFirewall::Firewall', {
    FirewallName: 'hub-egress',
    FirewallPolicyArn: getAtt('EgressFirewallPolicy', 'FirewallPolicyArn'),
    VpcId: ref('EgressVpc'),
    SubnetMappings: ZONES.map((_, zoneIndex) => ({
      SubnetId: ref(`EgressFirewall${zoneLetter(zoneIndex)}`),
    })),
  });
  resources.add('EgressFirewallFlowLogs', 'AWS::Logs::LogGroup', { RetentionInDays: 30 });
  resources.add('EgressFirewallAlertLogs', 'AWS::Logs::LogGroup', { RetentionInDays: 30 });
  resources.add('EgressFirewallLogging', 'AWS::NetworkFirewall::LoggingConfiguration', {
    FirewallArn: getAtt('EgressFirewall', 'FirewallArn'),
    LoggingConfiguration: {
      LogDestinationConfigs: [
        {
          LogType: 'FLOW',
          LogDestinationType: 'CloudWatchLogs',
          LogDestination: { logGroup: ref('EgressFirewallFlowLogs') },
        },
        {
          LogType: 'ALERT',
          LogDestinationType: 'CloudWatchLogs',
          LogDestination: { logGroup: ref('EgressFirewallAlertLogs') },
        },
      ],
    },
  });
}

/**
 * The endpoint id of the firewall in `zone`, picked by its AZ as Moat's infra picks it (`EndpointIds` elements
 * are `az:vpce-id`, in no documented order): the list joined with a leading comma, split at ",<zone>:".
 */
function firewallEndpointId(zone: string): Json {
  const list = { 'Fn::Join': ['', [',', { 'Fn::Join': [',', getAtt('EgressFirewall', 'EndpointIds')] }]] };
  return {
    'Fn::Select': [0, { 'Fn::Split': [',', { 'Fn::Select': [1, { 'Fn::Split': [`,${zone}:`, list] }] }] }],
  };
}

// --- the spoke stacks ----------------------------------------------------------------------------------------

function spokeStack(name: string, indices: readonly number[]): GeneratedStack {
  const resources = new Resources(name);
  resources.add('Cluster', 'AWS::ECS::Cluster', {
    ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
  });
  resources.add('TaskExecutionRole', 'AWS::IAM::Role', {
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    },
    ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
  });
  resources.add('ServiceLogs', 'AWS::Logs::LogGroup', { RetentionInDays: 30 });
  for (const index of indices) addSpoke(resources, index);
  return { name, template: { Resources: resources.template } };
}

/** One application VPC: two private subnets in two AZs, no internet of its own, a Fargate service. */
function addSpoke(resources: Resources, index: number): void {
  const spoke = `Spoke${pad(index, 4)}`;
  const id = (suffix: string) => `${spoke}${suffix}`;
  const cidr = spokeCidr(index);
  const first = firstAddress(cidr);
  const vpc = id('Vpc');
  resources.add(vpc, 'AWS::EC2::VPC', { CidrBlock: cidr, EnableDnsHostnames: true, EnableDnsSupport: true });
  const subnets = ZONES.map((zone, zoneIndex) => {
    const subnet = id(`Private${zoneLetter(zoneIndex)}`);
    resources.add(subnet, 'AWS::EC2::Subnet', {
      VpcId: ref(vpc),
      CidrBlock: `${formatIpv4(first + zoneIndex * 512)}/23`,
      AvailabilityZone: zone,
      MapPublicIpOnLaunch: false,
    });
    return subnet;
  });
  const routeTable = id('PrivateRouteTable');
  resources.add(routeTable, 'AWS::EC2::RouteTable', { VpcId: ref(vpc) });
  for (const subnet of subnets) {
    resources.add(`${subnet}RouteTableAssociation`, 'AWS::EC2::SubnetRouteTableAssociation', {
      RouteTableId: ref(routeTable),
      SubnetId: ref(subnet),
    });
  }
  resources.add(id('DefaultRoute'), 'AWS::EC2::Route', {
    RouteTableId: ref(routeTable),
    DestinationCidrBlock: '0.0.0.0/0',
    TransitGatewayId: importValue(EXPORTS.transitGatewayId),
  });

  const attachment = id('Attachment');
  resources.add(attachment, 'AWS::EC2::TransitGatewayVpcAttachment', {
    TransitGatewayId: importValue(EXPORTS.transitGatewayId),
    VpcId: ref(vpc),
    SubnetIds: subnets.map(ref),
  });
  resources.add(id('SpokeRouteTableAssociation'), 'AWS::EC2::TransitGatewayRouteTableAssociation', {
    TransitGatewayRouteTableId: importValue(EXPORTS.spokeRouteTableId),
    TransitGatewayAttachmentId: ref(attachment),
  });
  resources.add(id('EgressRouteTablePropagation'), 'AWS::EC2::TransitGatewayRouteTablePropagation', {
    TransitGatewayRouteTableId: importValue(EXPORTS.egressRouteTableId),
    TransitGatewayAttachmentId: ref(attachment),
  });
  resources.add(id('FlowLog'), 'AWS::EC2::FlowLog', flowLog(ref(vpc), importValue(EXPORTS.flowLogBucketArn)));

  const endpointGroup = id('EndpointSecurityGroup');
  resources.add(endpointGroup, 'AWS::EC2::SecurityGroup', {
    GroupDescription: `HTTPS from ${spoke} to its AWS service endpoints`,
    VpcId: ref(vpc),
    SecurityGroupIngress: [
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: getAtt(vpc, 'CidrBlock') },
    ],
  });
  for (const service of INTERFACE_ENDPOINT_SERVICES) {
    resources.add(id(`${pascal(service)}Endpoint`), 'AWS::EC2::VPCEndpoint', {
      VpcId: ref(vpc),
      VpcEndpointType: 'Interface',
      ServiceName: serviceName(service),
      SubnetIds: subnets.map(ref),
      SecurityGroupIds: [getAtt(endpointGroup, 'GroupId')],
      PrivateDnsEnabled: true,
    });
  }
  resources.add(id('S3Endpoint'), 'AWS::EC2::VPCEndpoint', {
    VpcId: ref(vpc),
    VpcEndpointType: 'Gateway',
    ServiceName: serviceName('s3'),
    RouteTableIds: [ref(routeTable)],
  });

  const taskGroup = id('TaskSecurityGroup');
  resources.add(taskGroup, 'AWS::EC2::SecurityGroup', {
    GroupDescription: `${spoke} tasks: HTTPS out only`,
    VpcId: ref(vpc),
    SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }],
  });
  const taskDefinition = id('TaskDefinition');
  resources.add(taskDefinition, 'AWS::ECS::TaskDefinition', {
    Family: spoke.toLowerCase(),
    Cpu: '256',
    Memory: '512',
    NetworkMode: 'awsvpc',
    RequiresCompatibilities: ['FARGATE'],
    ExecutionRoleArn: getAtt('TaskExecutionRole', 'Arn'),
    ContainerDefinitions: [
      {
        Name: 'app',
        Image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${spoke.toLowerCase()}:1.0.0`,
        PortMappings: [{ ContainerPort: CONTAINER_PORT, Protocol: 'tcp' }],
        LogConfiguration: {
          LogDriver: 'awslogs',
          Options: {
            'awslogs-group': ref('ServiceLogs'),
            'awslogs-region': REGION,
            'awslogs-stream-prefix': spoke,
          },
        },
      },
    ],
  });
  // The tasks pull their image and write logs through the endpoints as they start: create them first.
  resources.add(
    id('Service'),
    'AWS::ECS::Service',
    {
      Cluster: ref('Cluster'),
      LaunchType: 'FARGATE',
      DesiredCount: 2,
      TaskDefinition: ref(taskDefinition),
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          AssignPublicIp: 'DISABLED',
          Subnets: subnets.map(ref),
          SecurityGroups: [getAtt(taskGroup, 'GroupId')],
        },
      },
    },
    [...INTERFACE_ENDPOINT_SERVICES.map((service) => id(`${pascal(service)}Endpoint`)), id('S3Endpoint')],
  );
}

// --- template building ---------------------------------------------------------------------------------------

/** The resources of one stack, each with the construct path CDK would record. */
class Resources {
  readonly template: Record<string, CfnResource> = {};

  constructor(private readonly stack: string) {}

  add(logicalId: string, type: string, properties: JsonObject, dependsOn: readonly string[] = []): void {
    if (this.template[logicalId] !== undefined) {
      throw new Error(`generate-hub: logical ID ${logicalId} is used twice in ${this.stack}`);
    }
    this.template[logicalId] = {
      Type: type,
      Properties: properties,
      Metadata: { 'aws:cdk:path': `${this.stack}/${logicalId}/Resource` },
      ...(dependsOn.length > 0 ? { DependsOn: dependsOn } : {}),
    };
  }
}

/** A subnet with its own route table, associated, and the table's routes. */
function subnetWithTable(
  resources: Resources,
  name: string,
  zone: string,
  cidr: string,
  routes: readonly (readonly [string, JsonObject])[],
): void {
  resources.add(name, 'AWS::EC2::Subnet', {
    VpcId: ref('EgressVpc'),
    CidrBlock: cidr,
    AvailabilityZone: zone,
    MapPublicIpOnLaunch: false,
  });
  resources.add(`${name}RouteTable`, 'AWS::EC2::RouteTable', { VpcId: ref('EgressVpc') });
  resources.add(`${name}RouteTableAssociation`, 'AWS::EC2::SubnetRouteTableAssociation', {
    RouteTableId: ref(`${name}RouteTable`),
    SubnetId: ref(name),
  });
  for (const [routeName, route] of routes) {
    resources.add(`${name}${routeName}Route`, 'AWS::EC2::Route', {
      RouteTableId: ref(`${name}RouteTable`),
      ...route,
    });
  }
}

/** VPC flow logs of all traffic to the central S3 bucket (no delivery role needed for S3). */
const flowLog = (vpc: Json, bucketArn: Json): JsonObject => ({
  ResourceId: vpc,
  ResourceType: 'VPC',
  TrafficType: 'ALL',
  LogDestinationType: 's3',
  LogDestination: bucketArn,
});

/** `com.amazonaws.<region>.<service>`, written region-agnostic as CDK does. */
const serviceName = (service: string): Json => ({
  'Fn::Join': ['', ['com.amazonaws.', ref('AWS::Region'), `.${service}`]],
});

const ref = (name: string): Json => ({ Ref: name });
const getAtt = (logicalId: string, attribute: string): Json => ({ 'Fn::GetAtt': [logicalId, attribute] });
const importValue = (name: string): Json => ({ 'Fn::ImportValue': name });
const exported = (value: Json, name: string) => ({ Value: value, Export: { Name: name } });

const zoneLetter = (zoneIndex: number): string => String.fromCharCode('A'.charCodeAt(0) + zoneIndex);
const pad = (value: number, width: number): string => String(value).padStart(width, '0');
/** `ecr.api` → `EcrApi`, for logical IDs. */
const pascal = (text: string): string =>
  text
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
