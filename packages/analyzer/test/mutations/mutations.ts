/**
 * Template mutations: each breaks one setting of a synthesized step the way a hand edit or a careless change
 * would. Each is a small named edit on a copy of the templates (see `mutate`).
 */
import type { Json, Templates } from './support/template-edits.js';

type JsonObject = { [key: string]: Json };

export type Mutation = (templates: Templates) => void;

const NETWORK = 'MoatNetwork';
const WORKLOAD = 'MoatWorkload';

/** The TGW attachment subnet of AZ a no longer sends 0.0.0.0/0 to the firewall endpoint. */
export const removeFirewallRouteInOneAz: Mutation = (t) => t.delete('EgressVpcTransitSubnet1DefaultRoute');

/** An internet gateway attached to the container VPC, with the task subnet of AZ a routed to it. */
export const routeContainerVpcToInternetGateway: Mutation = (t) => {
  t.add(WORKLOAD, 'RogueIgw', { Type: 'AWS::EC2::InternetGateway', Properties: {} });
  t.add(WORKLOAD, 'RogueIgwAttachment', {
    Type: 'AWS::EC2::VPCGatewayAttachment',
    Properties: { InternetGatewayId: { Ref: 'RogueIgw' }, VpcId: t.ref('ContainerVpc6046') },
  });
  const route = t.properties('ContainerVpcPrivateSubnet1DefaultRoute');
  delete route.TransitGatewayId;
  route.GatewayId = { Ref: 'RogueIgw' };
};

export const disableApplianceMode: Mutation = (t) => {
  t.properties('HubEgressAttachment').Options = { ApplianceModeSupport: 'disable', DnsSupport: 'enable' };
};

/** The NAT gateway of AZ b deleted, and its firewall subnet re-pointed at the NAT gateway of AZ a. */
export const deleteOneNatGateway: Mutation = (t) => {
  t.delete('EgressVpcPublicSubnet2NATGateway');
  t.delete('EgressVpcPublicSubnet2EIP');
  t.properties('EgressVpcFirewallSubnet2DefaultRoute').NatGatewayId = t.ref(
    'EgressVpcPublicSubnet1NATGateway',
  );
};

export const openTaskSecurityGroupToTheWorld: Mutation = (t) => {
  t.add(WORKLOAD, 'TaskFromAnywhere', {
    Type: 'AWS::EC2::SecurityGroupIngress',
    Properties: {
      GroupId: { 'Fn::GetAtt': [t.find('PriceServiceTaskSecurityGroup58').logicalId, 'GroupId'] },
      IpProtocol: 'tcp',
      FromPort: 8080,
      ToPort: 8080,
      CidrIp: '0.0.0.0/0',
    },
  });
};

/** HOME_NET lists the ingress VPC only: the container VPC's traffic is outside it. */
export const dropContainerCidrFromHomeNet: Mutation = (t) => {
  policyOf(t).PolicyVariables = { RuleVariables: { HOME_NET: { Definition: ['10.1.0.0/16'] } } };
};

export const removeS3GatewayEndpoint: Mutation = (t) => t.delete('EndpointsS3');

/** The allow rule for api.binance.com turned into a drop rule. */
export const flipBinanceRuleToDrop: Mutation = (t) => {
  const source = rulesSourceOf(t);
  source.RulesString = String(source.RulesString).replace(/^pass /, 'drop ');
};

/** A network ACL on the task subnet of AZ a that denies all egress before anything else. */
export const denyEgressByNaclOnTaskSubnet: Mutation = (t) => {
  const vpc = t.ref('ContainerVpc6046');
  t.add(WORKLOAD, 'TaskAcl', { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: vpc } });
  for (const [number, egress, action] of [
    [50, true, 'deny'],
    [100, true, 'allow'],
    [100, false, 'allow'],
  ] as const) {
    t.add(WORKLOAD, `TaskAcl${egress ? 'Egress' : 'Ingress'}${number}`, {
      Type: 'AWS::EC2::NetworkAclEntry',
      Properties: {
        NetworkAclId: { Ref: 'TaskAcl' },
        RuleNumber: number,
        Protocol: -1,
        RuleAction: action,
        Egress: egress,
        CidrBlock: '0.0.0.0/0',
      },
    });
  }
  t.add(WORKLOAD, 'TaskAclAssociation', {
    Type: 'AWS::EC2::SubnetNetworkAclAssociation',
    Properties: { NetworkAclId: { Ref: 'TaskAcl' }, SubnetId: t.ref('ContainerVpcPrivateSubnet1Subnet') },
  });
};

export const blackholeSpokeDefaultRoute: Mutation = (t) => {
  const route = t.properties('HubSpokeDefaultRoute');
  delete route.TransitGatewayAttachmentId;
  route.Blackhole = true;
};

export const removeSpokeDefaultRoute: Mutation = (t) => t.delete('HubSpokeDefaultRoute');

/** The egress attachment's association moved to a new, empty route table: replies to the spokes find no route. */
export const moveEgressAssociationToEmptyTable: Mutation = (t) => {
  t.add(NETWORK, 'OrphanRouteTable', {
    Type: 'AWS::EC2::TransitGatewayRouteTable',
    Properties: { TransitGatewayId: t.ref('HubTransitGateway') },
  });
  t.properties('HubEgressRoutingAssociation').TransitGatewayRouteTableId = { Ref: 'OrphanRouteTable' };
};

export const disableEcrApiPrivateDns: Mutation = (t) => {
  t.properties('EndpointsEcrApi').PrivateDnsEnabled = false;
};

export const makeAlbInternetFacing: Mutation = (t) => {
  t.properties('AlbLoadBalancer44').Scheme = 'internet-facing';
};

export const assignPublicIpToTasks: Mutation = (t) => {
  const network = t.properties('PriceService0B9AD400').NetworkConfiguration;
  if (!isObject(network) || !isObject(network.AwsvpcConfiguration)) throw new Error('no AwsvpcConfiguration');
  network.AwsvpcConfiguration.AssignPublicIp = 'ENABLED';
};

export const removeEgressVpcFlowLog: Mutation = (t) => t.delete('EgressVpcFlowLog', 'AWS::EC2::FlowLog');

/** The stateless engine passes everything by default: nothing reaches the stateful allow list. */
export const passByDefaultInStatelessEngine: Mutation = (t) => {
  policyOf(t).StatelessDefaultActions = ['aws:pass'];
};

/** The stateful default only alerts: traffic no rule matches goes out. */
export const alertInsteadOfDropByDefault: Mutation = (t) => {
  policyOf(t).StatefulDefaultActions = ['aws:alert_established'];
};

export const removeWafAssociation: Mutation = (t) => t.delete('WebAclStageAssociation');

/** A second internet gateway attached to the egress VPC. */
export const attachSecondInternetGateway: Mutation = (t) => {
  t.add(NETWORK, 'SecondIgw', { Type: 'AWS::EC2::InternetGateway', Properties: {} });
  t.add(NETWORK, 'SecondIgwAttachment', {
    Type: 'AWS::EC2::VPCGatewayAttachment',
    Properties: { InternetGatewayId: { Ref: 'SecondIgw' }, VpcId: t.ref('EgressVpc9900') },
  });
};

export const removeFirewallLogging: Mutation = (t) => t.delete('EgressFirewallLogging');

export const useDefaultActionOrder: Mutation = (t) => {
  const policy = policyOf(t);
  policy.StatefulEngineOptions = { RuleOrder: 'DEFAULT_ACTION_ORDER' };
  delete policy.StatefulDefaultActions;
};

export const enableTgwDefaultPropagation: Mutation = (t) => {
  t.properties('HubTransitGateway').DefaultRouteTablePropagation = 'enable';
};

export const removeStageThrottling: Mutation = (t) => {
  delete t.properties('ApiRestApiDeploymentStageprod').MethodSettings;
};

export const removeWafLogging: Mutation = (t) => t.delete('WebAclLogging');

/** The NAT subnet of AZ a returns replies for the container VPC straight to the TGW, around the firewall. */
export const returnAroundFirewall: Mutation = (t) => {
  const route = t.properties('EgressVpcPublicSubnet1ContainerRoute');
  delete route.VpcEndpointId;
  route.TransitGatewayId = t.ref('HubTransitGateway');
};

/** The ALB's IP targets (the NLB's fixed IPs, in another VPC) pinned to one AZ instead of `all`. */
export const pinAlbTargetsToOneAz: Mutation = (t) => {
  const targets = t.properties('AlbLoadBalancerHttpPriceServiceGroup').Targets;
  if (!Array.isArray(targets)) throw new Error('the ALB target group has no Targets');
  for (const target of targets) if (isObject(target)) target.AvailabilityZone = 'eu-central-1a';
};

export const openEndpointSecurityGroupToTheWorld: Mutation = (t) => {
  const ingress = t.properties('EndpointsSecurityGroup').SecurityGroupIngress;
  if (!Array.isArray(ingress)) throw new Error('the endpoint security group has no inline ingress');
  ingress.push({ CidrIp: '0.0.0.0/0', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 });
};

/** The ALB rule that strips the stage from the path loses its URL rewrite: the service gets /prod/price. */
export const removeStageStripTransform: Mutation = (t) => {
  delete t.properties('AlbStripStage').Transforms;
};

/** The ALB rule that strips the stage is deleted: the default action forwards /prod/price unchanged. */
export const removeStageStripRule: Mutation = (t) => t.delete('AlbStripStage');

/** The TGW subnet of AZ a takes the firewall endpoint by its position in EndpointIds, as the infra once did. */
export const pickFirewallEndpointByPosition: Mutation = (t) => {
  const firewall = t.find('EgressFirewall', 'AWS::NetworkFirewall::Firewall').logicalId;
  t.properties('EgressVpcTransitSubnet1DefaultRoute').VpcEndpointId = {
    'Fn::Select': [
      1,
      { 'Fn::Split': [':', { 'Fn::Select': [0, { 'Fn::GetAtt': [firewall, 'EndpointIds'] }] }] },
    ],
  };
};

/** The NLB's group without inline egress: EC2's default allow-all rule comes back. */
export const restoreDefaultEgressOnNlbGroup: Mutation = (t) => {
  delete t.find('InternalNlbSecurityGroup', 'AWS::EC2::SecurityGroup').resource.Properties
    .SecurityGroupEgress;
};

/** The service no longer waits for the VPC endpoints its tasks pull and log through. */
export const startServiceBeforeEndpoints: Mutation = (t) => {
  const service = t.find('PriceService0B9AD400').resource;
  service.DependsOn = (service.DependsOn ?? []).filter((id) => !id.startsWith('Endpoints'));
};

/**
 * Instance 1 (step 3) no longer waits for its subnet's NAT route: neither it nor its launch template and instance
 * profile, which CDK gives the same dependencies (any of them would still order the instance after the route).
 */
export const bootInstanceBeforeItsRoute: Mutation = (t) => {
  const parts = ['LaunchTemplate', 'InstanceProfile', '8'];
  for (const prefix of parts.map((part) => `PriceServiceHostsInstance1${part}`)) {
    const resource = t.find(prefix).resource;
    resource.DependsOn = (resource.DependsOn ?? []).filter((id) => !id.includes('DefaultRoute'));
  }
};

/**
 * Step 10: the workload account's subnets placed by the config's AZ names, as CDK writes them, instead of the AZ
 * IDs the networking stack publishes; the workload account may map those names to other zones.
 */
export const placeWorkloadSubnetsByName: Mutation = (t) =>
  t.placeByName({
    ContainerVpcPrivateSubnet1Subnet: 'eu-central-1a',
    ContainerVpcPrivateSubnet2Subnet: 'eu-central-1b',
    ContainerVpcTransitSubnet1Subnet: 'eu-central-1a',
    ContainerVpcTransitSubnet2Subnet: 'eu-central-1b',
  });

function policyOf(t: Templates): JsonObject {
  const policy = t.properties('EgressFirewallPolicy').FirewallPolicy;
  if (!isObject(policy)) throw new Error('the firewall policy has no FirewallPolicy');
  return policy;
}

function rulesSourceOf(t: Templates): JsonObject {
  const group = t.properties('EgressFirewallDomainRules').RuleGroup;
  if (!isObject(group) || !isObject(group.RulesSource)) throw new Error('the rule group has no RulesSource');
  return group.RulesSource;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
