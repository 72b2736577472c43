/**
 * The vendor-independent network model (Batfish's "vendor-independent model"): what the analyses read.
 * It is built from CloudFormation templates by `build-model.ts` and never refers to template syntax again.
 *
 * Every element keeps a `Source` (stack, logical ID, construct path) so that a hop or a finding can name
 * the resource a user wrote. Values that could not be resolved from the templates are `Resolved` with
 * `known: false` and a reason; an analysis that depends on one says so instead of guessing.
 */

import type { SuricataRule } from './suricata/syntax.js';

/** A value read from a template is known, or known not to be known. */
export type Resolved<T> =
  | { readonly known: true; readonly value: T }
  | { readonly known: false; readonly reason: string };

export const known = <T>(value: T): Resolved<T> => ({ known: true, value });
export const unknown = <T>(reason: string): Resolved<T> => ({ known: false, reason });

/** Where a model element came from. */
export interface Source {
  /** The stack's artifact id in the cloud assembly, or the template's file name. */
  readonly stack: string;
  readonly logicalId: string;
  /** CloudFormation resource type, such as `AWS::EC2::Subnet`. */
  readonly type: string;
  /** `aws:cdk:path` metadata, when the template came from CDK. */
  readonly constructPath?: string;
  /**
   * Set when the resource exists only if a `Condition` holds that the input does not decide: why. A verdict
   * that rests on such a resource is UNKNOWN with this reason.
   */
  readonly existenceUnknown?: string;
  /** The literal `Name` tag of a resource without a construct path: what a plain template calls it. */
  readonly nameTag?: string;
}

/** Model ids are `${stack}/${logicalId}`: unique across an assembly, stable across syntheses. */
export type ElementId = string;

export interface Element {
  readonly id: ElementId;
  readonly source: Source;
}

export interface StackInfo {
  readonly name: string;
  readonly account: Resolved<string>;
  readonly region: Resolved<string>;
}

export interface Vpc extends Element {
  readonly stack: string;
  /** The primary CIDR first, then secondary blocks (`AWS::EC2::VPCCidrBlock`). */
  readonly cidrs: readonly Resolved<string>[];
  /** Flow logs whose resource is this VPC (or one of its subnets or ENIs). */
  readonly flowLogIds: readonly ElementId[];
}

/**
 * How a template places a subnet: by AZ ID (`AvailabilityZoneId`, the same physical zone in every account), by AZ
 * name (`AvailabilityZone`, which each account maps to a zone of its own), or in the AZ of another subnet
 * (`AvailabilityZoneId: Fn::GetAtt [Other, AvailabilityZoneId]`, as a stack in another account reads it from an
 * SSM parameter). https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html
 */
export type AvailabilityZonePin =
  | { readonly kind: 'id'; readonly id: string }
  /** `account`: whose mapping the name is in; absent when the input does not say (a plain template folder). */
  | { readonly kind: 'name'; readonly name: string; readonly account?: string }
  | { readonly kind: 'subnet'; readonly subnetId: ElementId };

export interface Subnet extends Element {
  readonly vpcId: ElementId;
  readonly cidr: Resolved<string>;
  /**
   * The AZ as the analyses compare it (`availability-zones.ts`): the AZ ID when the subnet is placed by one (or in
   * the AZ of a subnet that is), else its AZ name; a name is suffixed `@account` when the network places subnets
   * by the names of more than one account, since two accounts' names cannot be compared.
   */
  readonly availabilityZone: Resolved<string>;
  /** What the template says, when it places the subnet. */
  readonly availabilityZonePin?: AvailabilityZonePin;
  readonly mapPublicIpOnLaunch: boolean;
  /** The explicitly associated route table; when absent the VPC's main table applies. */
  readonly routeTableId?: ElementId;
  /** The explicitly associated network ACL; when absent the VPC's default ACL (allow all) applies. */
  readonly networkAclId?: ElementId;
}

export type RouteTarget =
  | { readonly kind: 'local' }
  | { readonly kind: 'internet-gateway'; readonly id: ElementId }
  | { readonly kind: 'egress-only-internet-gateway'; readonly id: ElementId }
  | { readonly kind: 'nat-gateway'; readonly id: ElementId }
  | { readonly kind: 'transit-gateway'; readonly id: ElementId }
  /** A Network Firewall endpoint: the firewall's endpoint in `availabilityZone`. */
  | {
      readonly kind: 'firewall-endpoint';
      readonly firewallId: ElementId;
      readonly availabilityZone: Resolved<string>;
      /**
       * When `availabilityZone` is unknown because the route picks an element of `EndpointIds` by its position
       * (`Fn::Select [i, EndpointIds]`): the AZ of the firewall's i-th subnet mapping, which is what such
       * templates assume. AWS does not document the order of `EndpointIds`, so a trace that uses this records it
       * in `Trace.assumptions`, and NET026 reports the route.
       */
      readonly assumedAvailabilityZone?: string;
    }
  | { readonly kind: 'gateway-endpoint'; readonly id: ElementId }
  /** A Gateway Load Balancer endpoint (`AWS::EC2::VPCEndpoint` of type `GatewayLoadBalancer`). */
  | { readonly kind: 'gateway-load-balancer-endpoint'; readonly id: ElementId }
  | { readonly kind: 'vpc-peering'; readonly id: Resolved<ElementId> }
  | { readonly kind: 'network-interface'; readonly id: Resolved<ElementId> }
  | { readonly kind: 'instance'; readonly id: Resolved<ElementId> }
  | { readonly kind: 'blackhole' }
  | { readonly kind: 'unknown'; readonly reason: string };

export type RouteDestination =
  | { readonly kind: 'cidr'; readonly cidr: Resolved<string> }
  /** A managed or customer prefix list, such as the S3 prefix list of a gateway endpoint. */
  | { readonly kind: 'prefix-list'; readonly prefixListId: Resolved<string>; readonly service?: string };

export interface Route {
  readonly destination: RouteDestination;
  readonly target: RouteTarget;
  /** The `AWS::EC2::Route` (or the endpoint / table) that put this route here. */
  readonly source: Source;
}

export interface RouteTable extends Element {
  readonly vpcId: ElementId;
  /** The implicit main table of a VPC has no resource of its own; its source is the VPC. */
  readonly main: boolean;
  /** Includes the implicit `local` route for each VPC CIDR. */
  readonly routes: readonly Route[];
}

export interface InternetGateway extends Element {
  /** From `AWS::EC2::VPCGatewayAttachment`; absent when detached. */
  readonly vpcId?: ElementId;
  /**
   * Its gateway route table (`AWS::EC2::GatewayRouteTableAssociation`), which routes the traffic that enters the
   * VPC by this gateway; absent, the VPC's local route delivers it.
   */
  readonly routeTableId?: ElementId;
}

export interface NatGateway extends Element {
  readonly placement: NatGatewayPlacement;
  readonly connectivity: 'public' | 'private';
  /** The Elastic IP of a zonal public NAT gateway (`AllocationId`). */
  readonly elasticIpId?: ElementId;
}

/**
 * Where a NAT gateway is: in one subnet (zonal, `SubnetId`), or in a VPC (`AvailabilityMode: regional`, `VpcId`),
 * present in each AZ it serves, with a route table of its own instead of a subnet's.
 * https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html
 */
export type NatGatewayPlacement =
  | { readonly kind: 'zonal'; readonly subnetId: ElementId }
  | {
      readonly kind: 'regional';
      readonly vpcId: ElementId;
      /** `natGatewayRouteTableId(nat)` (model/ids.ts): what `Fn::GetAtt [NatGateway, RouteTableId]` names. */
      readonly routeTableId: ElementId;
      /**
       * Automatic (no `AvailabilityZoneAddresses`): AWS expands the gateway to every AZ where the VPC has subnets.
       * Manual: the AZs `AvailabilityZoneAddresses` lists, each with its Elastic IPs.
       * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html (autoProvisionZones)
       */
      readonly availabilityZones:
        | { readonly kind: 'automatic' }
        | { readonly kind: 'manual'; readonly zones: readonly Resolved<string>[] };
    };

export interface ElasticIp extends Element {
  readonly attachedTo?: ElementId;
}

export interface TransitGateway extends Element {
  readonly defaultRouteTableAssociation: boolean;
  readonly defaultRouteTablePropagation: boolean;
}

export interface TransitGatewayAttachment extends Element {
  readonly transitGatewayId: ElementId;
  readonly vpcId: ElementId;
  readonly subnetIds: readonly ElementId[];
  readonly applianceMode: boolean;
  /** The account that owns the attachment (the VPC's), which may differ from the TGW's. */
  readonly stack: string;
}

export interface TransitGatewayRoute {
  readonly destination: Resolved<string>;
  readonly target:
    | { readonly kind: 'attachment'; readonly attachmentId: ElementId }
    | { readonly kind: 'blackhole' }
    | { readonly kind: 'unknown'; readonly reason: string };
  /** Static (`AWS::EC2::TransitGatewayRoute`) or propagated from an attachment. */
  readonly origin: 'static' | 'propagated';
  readonly source: Source;
}

export interface TransitGatewayRouteTable extends Element {
  readonly transitGatewayId: ElementId;
  readonly associatedAttachmentIds: readonly ElementId[];
  readonly propagatingAttachmentIds: readonly ElementId[];
  /** Static routes plus the routes propagated from `propagatingAttachmentIds`, one per VPC CIDR. */
  readonly routes: readonly TransitGatewayRoute[];
}

/**
 * One stateful rule: a Suricata rule as written in a `RulesString`, or as Network Firewall generates it from a
 * domain list or a standard 5-tuple rule. A rule Moat cannot read (a syntax error, a `RulesString` that is
 * not a literal) is `known: false` with the reason, and any flow that reaches it is UNKNOWN.
 */
export interface StatefulRule {
  readonly text: string;
  readonly rule: Resolved<SuricataRule>;
}

export interface StatefulRuleGroup extends Element {
  readonly kind: 'STATEFUL';
  /** `RuleVariables.IPSets` (HOME_NET, EXTERNAL_NET, custom sets): CIDRs, or nested `$VARIABLE`s. */
  readonly ipSets: Readonly<Record<string, readonly Resolved<string>[]>>;
  /** `RuleVariables.PortSets`: ports and `from:to` ranges. */
  readonly portSets: Readonly<Record<string, readonly Resolved<string>[]>>;
  /** `ReferenceSets.IPSetReferences` (`@NAME` in rules): the prefix list each one names. */
  readonly ipSetReferences: Readonly<Record<string, Resolved<ElementId>>>;
  /** In the order written (or generated); strict order evaluates them in this order. */
  readonly rules: readonly StatefulRule[];
  /** For domain lists: ALLOWLIST or DENYLIST, whose generated rules are in `rules`. */
  readonly generatedRulesType?: 'ALLOWLIST' | 'DENYLIST';
}

/** A named custom action: it publishes a CloudWatch metric and does not decide where the packet goes. */
export interface CustomAction {
  readonly name: string;
  readonly dimensions: readonly string[];
}

export interface PortInterval {
  readonly first: number;
  readonly last: number;
}

/** A stateless rule's match attributes; an empty list matches anything. */
export interface StatelessMatch {
  readonly sources: readonly Resolved<string>[];
  readonly destinations: readonly Resolved<string>[];
  readonly sourcePorts: readonly PortInterval[];
  readonly destinationPorts: readonly PortInterval[];
  /** IANA protocol numbers (6 TCP, 17 UDP). */
  readonly protocols: readonly number[];
  readonly tcpFlags: readonly { readonly flags: readonly string[]; readonly masks: readonly string[] }[];
}

export interface StatelessRule {
  readonly priority: number;
  /** One standard action (`aws:pass`, `aws:drop`, `aws:forward_to_sfe`) and any custom action names. */
  readonly actions: readonly string[];
  readonly match: Resolved<StatelessMatch>;
}

export interface StatelessRuleGroup extends Element {
  readonly kind: 'STATELESS';
  /** Sorted by priority, lowest first. */
  readonly rules: readonly StatelessRule[];
  readonly customActions: readonly CustomAction[];
}

export type FirewallRuleGroup = StatefulRuleGroup | StatelessRuleGroup;

export interface RuleGroupReference {
  readonly ruleGroupId: Resolved<ElementId>;
  readonly priority?: number;
}

export interface FirewallPolicy extends Element {
  readonly ruleOrder: 'STRICT_ORDER' | 'DEFAULT_ACTION_ORDER';
  /** For example `aws:forward_to_sfe`, `aws:pass`, `aws:drop`, plus custom action names. */
  readonly statelessDefaultActions: readonly string[];
  readonly statelessFragmentDefaultActions: readonly string[];
  readonly statelessCustomActions: readonly CustomAction[];
  readonly statelessRuleGroups: readonly RuleGroupReference[];
  /** Only with STRICT_ORDER, for example `aws:drop_established`, `aws:alert_established`. */
  readonly statefulDefaultActions: readonly string[];
  /** `Override.Action: DROP_TO_ALERT` turns the group's drop and reject rules into alerts. */
  readonly statefulRuleGroups: readonly (RuleGroupReference & { readonly dropToAlert?: boolean })[];
  /** Policy-level HOME_NET override (`PolicyVariables.RuleVariables.HOME_NET`), if any. */
  readonly homeNet?: readonly Resolved<string>[];
}

export interface Firewall extends Element {
  /** The VPC of its endpoints; absent for a firewall attached to a transit gateway, whose VPC AWS manages. */
  readonly vpcId?: ElementId;
  /** One endpoint per subnet mapping, in that subnet's AZ; none for a firewall attached to a transit gateway. */
  readonly subnetIds: readonly ElementId[];
  /** Set when the firewall is attached natively to a transit gateway (`TransitGatewayId`). */
  readonly transitGatewayAttachment?: FirewallAttachment;
  readonly policyId: Resolved<ElementId>;
  /** Log destinations by type (`FLOW`, `ALERT`, `TLS`). */
  readonly logTypes: readonly string[];
}

/**
 * The transit gateway attachment of a firewall attached to a transit gateway: TGW route tables route to it,
 * associate it and propagate it like a VPC attachment, and it has one firewall endpoint per AZ mapping.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/tgw-firewall.html
 */
export interface FirewallAttachment {
  /** `firewallAttachmentId(firewall)` (model/ids.ts): what `Fn::GetAtt [Firewall, TransitGatewayAttachmentId]` names. */
  readonly id: ElementId;
  readonly transitGatewayId: ElementId;
  /** The AZ of each endpoint (`AvailabilityZoneMappings`). */
  readonly availabilityZones: readonly Resolved<string>[];
}

export type Protocol = 'tcp' | 'udp' | 'icmp' | 'all';

export type Peer =
  | { readonly kind: 'cidr'; readonly cidr: Resolved<string> }
  | { readonly kind: 'security-group'; readonly id: Resolved<ElementId> }
  | { readonly kind: 'prefix-list'; readonly prefixListId: Resolved<string> };

export interface SecurityGroupRule {
  readonly direction: 'ingress' | 'egress';
  readonly protocol: Protocol;
  /** Inclusive; 0–65535 for `all`. */
  readonly fromPort: number;
  readonly toPort: number;
  readonly peer: Peer;
  readonly description?: string;
  /** The group itself for inline rules, or the `AWS::EC2::SecurityGroupIngress/Egress` resource. */
  readonly source: Source;
  /** EC2's allow-all egress rule, which a group declared without inline egress keeps. */
  readonly implicit?: true;
}

export interface SecurityGroup extends Element {
  readonly vpcId: Resolved<ElementId>;
  readonly rules: readonly SecurityGroupRule[];
}

export interface NetworkAclEntry {
  readonly ruleNumber: number;
  readonly direction: 'ingress' | 'egress';
  readonly action: 'allow' | 'deny';
  readonly protocol: Protocol;
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidr: Resolved<string>;
  readonly source: Source;
}

/** A customer-managed prefix list (`AWS::EC2::PrefixList`). AWS-managed lists (S3, DynamoDB) are not here. */
export interface PrefixList extends Element {
  readonly name: Resolved<string>;
  readonly cidrs: readonly Resolved<string>[];
}

export interface NetworkAcl extends Element {
  readonly vpcId: ElementId;
  /** Sorted by rule number; the implicit final deny (`*`) is not listed. */
  readonly entries: readonly NetworkAclEntry[];
}

export interface Listener extends Element {
  readonly port: number;
  readonly protocol: string;
  /** What the listener does with a request no rule matches (the only actions of an NLB listener). */
  readonly defaultActions: readonly ListenerAction[];
  /** An ALB listener's rules (`AWS::ElasticLoadBalancingV2::ListenerRule`), lowest priority number first. */
  readonly rules: readonly ListenerRule[];
}

/** One action of a listener or rule, in the order it runs; the last one answers or forwards. */
export type ListenerAction =
  | { readonly kind: 'forward'; readonly targetGroupIds: readonly ElementId[] }
  | { readonly kind: 'fixed-response'; readonly statusCode: string }
  | { readonly kind: 'redirect'; readonly location: string }
  /** `authenticate-oidc` or `authenticate-cognito`: the ALB talks to the identity provider, then goes on. */
  | { readonly kind: 'authenticate'; readonly type: string }
  | { readonly kind: 'unknown'; readonly reason: string };

export interface ListenerRule {
  readonly source: Source;
  readonly priority: number;
  /** All must match; each matches when one of its values does. */
  readonly conditions: readonly RuleCondition[];
  /** Applied to a matched request before it is forwarded; they do not change which rule matched. */
  readonly transforms: readonly RuleTransform[];
  readonly actions: readonly ListenerAction[];
}

/** A rule condition: wildcard values (`*`, `?`) or regular expressions, on one field of the request. */
export type RuleCondition =
  | {
      readonly field: 'path-pattern' | 'host-header' | 'http-request-method';
      readonly values: readonly string[];
      readonly regexValues: readonly string[];
    }
  | {
      readonly field: 'http-header';
      readonly headerName: string;
      readonly values: readonly string[];
      readonly regexValues: readonly string[];
    }
  | {
      readonly field: 'query-string';
      readonly pairs: readonly { readonly key?: string; readonly value: string }[];
    }
  | { readonly field: 'source-ip'; readonly cidrs: readonly string[] }
  /** A condition whose field or values the templates do not determine. */
  | { readonly field: 'unknown'; readonly reason: string };

/** `url-rewrite` (the path and query) or `host-header-rewrite`: the first regex that matches is replaced. */
export interface RuleTransform {
  readonly kind: 'url-rewrite' | 'host-header-rewrite';
  readonly rewrites: readonly { readonly regex: string; readonly replace: string }[];
  /** Set when a regex or replacement is not a literal of the template. */
  readonly unknownReason?: string;
}

export interface TargetGroup extends Element {
  readonly targetType: 'ip' | 'instance' | 'alb' | 'lambda';
  readonly port: number;
  readonly protocol: string;
  readonly vpcId?: ElementId;
  readonly healthCheckPath?: string;
  /** Registered targets; ECS services register theirs at run time and appear as `ecsServiceIds`. */
  readonly targets: readonly {
    readonly address: Resolved<string>;
    readonly port?: number;
    readonly availabilityZone?: string;
  }[];
  readonly ecsServiceIds: readonly ElementId[];
  /**
   * `load_balancing.cross_zone.enabled` of the target group: `true`/`false` override the load balancer's setting;
   * absent (or `use_load_balancer_configuration`), the load balancer's applies.
   */
  readonly crossZone?: boolean;
  /** `preserve_client_ip.enabled` of an NLB target group, when the template sets it. */
  readonly preserveClientIp?: boolean;
  /** Set in a model without an AZ (`analyses/az-loss`) when targets of the group were there: that AZ. */
  readonly targetsLostWith?: string;
}

export interface LoadBalancer extends Element {
  readonly kind: 'application' | 'network';
  readonly scheme: 'internet-facing' | 'internal';
  readonly subnetIds: readonly ElementId[];
  /** Fixed private IPs by subnet (`SubnetMappings[].PrivateIPv4Address`). */
  readonly privateIpsBySubnet: Readonly<Record<ElementId, Resolved<string>>>;
  readonly securityGroupIds: readonly Resolved<ElementId>[];
  readonly crossZone: boolean;
  readonly listeners: readonly Listener[];
  /**
   * An NLB with security groups applies their inbound rules to PrivateLink traffic (a VPC link V1) unless
   * `EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic` is `off`.
   */
  readonly privateLinkInboundRules: boolean;
}

export interface EcsService extends Element {
  readonly subnetIds: readonly ElementId[];
  readonly securityGroupIds: readonly Resolved<ElementId>[];
  readonly assignPublicIp: boolean;
  readonly desiredCount: number;
  readonly launchType: 'FARGATE' | 'EC2' | 'EXTERNAL';
  /** Task size in vCPU and GB, for cost. */
  readonly cpuVcpu: Resolved<number>;
  readonly memoryGb: Resolved<number>;
  readonly containerPorts: readonly number[];
  readonly targetGroupIds: readonly ElementId[];
  /**
   * The container port the service registers in each target group (its `LoadBalancers` entry's `ContainerPort`):
   * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-service-loadbalancer.html
   */
  readonly targetGroupPorts: Readonly<Record<ElementId, number>>;
  /**
   * The AWS services its tasks reach to start, as the task definition says: `ecr.api`, `ecr.dkr` and `s3` (the
   * image layers) for an image in a private ECR repository, `logs` for the `awslogs` log driver.
   */
  readonly startupServices: readonly string[];
  /**
   * For tasks without an ENI of their own (bridge or host network mode): the container instances they run on, or
   * why the templates do not say which. Their `subnetIds` and `securityGroupIds` are then the instances'.
   */
  readonly containerInstances?: ContainerInstances | { readonly unknown: string };
}

/** A host port a container instance reserves for a task: a fixed one, or one from its ephemeral range. */
export type HostPort = number | 'dynamic';

export interface ContainerInstances {
  /** The Auto Scaling group whose instances join the service's cluster. */
  readonly autoScalingGroup: Source;
  /** The host port of the container each target group registers, by target group id. */
  readonly hostPorts: Readonly<Record<ElementId, HostPort>>;
}

export interface Instance extends Element {
  readonly subnetId: ElementId;
  /** The primary private IPv4 address, when the template fixes it (`PrivateIpAddress`). */
  readonly privateIp?: string;
  readonly securityGroupIds: readonly Resolved<ElementId>[];
  readonly publicIp: boolean;
  readonly instanceType: Resolved<string>;
  /** The instance runs a `UserData` script at first boot. */
  readonly userData: boolean;
}

export interface VpcEndpoint extends Element {
  readonly vpcId: ElementId;
  readonly kind: 'Interface' | 'Gateway' | 'GatewayLoadBalancer';
  readonly serviceName: Resolved<string>;
  /** The short service name: `s3`, `ecr.api`, `ecr.dkr`, `logs`, ... */
  readonly service: Resolved<string>;
  readonly subnetIds: readonly ElementId[];
  readonly securityGroupIds: readonly Resolved<ElementId>[];
  readonly privateDnsEnabled: boolean;
  readonly routeTableIds: readonly ElementId[];
}

export interface VpcLink extends Element {
  readonly version: 'V1' | 'V2';
  /** V1: NLB targets. V2: the subnets and security groups of its ENIs. */
  readonly targetLoadBalancerIds: readonly ElementId[];
  readonly subnetIds: readonly ElementId[];
  readonly securityGroupIds: readonly Resolved<ElementId>[];
}

export interface ApiStage extends Element {
  readonly stageName: string;
  readonly throttlingRateLimit?: number;
  readonly throttlingBurstLimit?: number;
  readonly accessLogs: boolean;
}

export interface ApiIntegration {
  /** The resource path of the method, such as `/price` or `/items/{id}`. */
  readonly path: string;
  readonly method: string;
  /** `HTTP_PROXY`, `HTTP`, `AWS_PROXY`, `AWS`, `MOCK`. */
  readonly type: string;
  readonly vpcLinkId?: ElementId;
  /** The load balancer the integration reaches: a V2 link's `IntegrationTarget` (or its listener's), a V1 link's NLB. */
  readonly loadBalancerId?: ElementId;
  /** The method the backend receives (`IntegrationHttpMethod`); `ANY` keeps the client's. */
  readonly backendMethod: string;
  /** The integration URI's port, when the URI says it or its scheme implies it. */
  readonly uriPort?: number;
  /** The integration URI's path (after the host), which may name path parameters such as `{proxy}`. */
  readonly uriPath: Resolved<string>;
  /** `RequestParameters` that map a path parameter of the URI: `integration.request.path.x` → its source. */
  readonly pathParameters: Readonly<Record<string, string>>;
  /** The content types whose mapping template sets `$context.requestOverride.path`. */
  readonly pathOverrideTemplates: readonly string[];
}

export interface RestApi extends Element {
  readonly endpointType: 'REGIONAL' | 'EDGE' | 'PRIVATE';
  readonly stages: readonly ApiStage[];
  readonly integrations: readonly ApiIntegration[];
}

/**
 * The listener an HTTP API private integration names as its `IntegrationUri`, with its load balancer and port.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html
 */
export interface IntegrationListener {
  readonly loadBalancerId: ElementId;
  readonly port: number;
}

/** An HTTP API integration (`AWS::ApiGatewayV2::Integration`). */
export interface HttpApiIntegration extends Element {
  /** `HTTP_PROXY`, `AWS_PROXY`, ... */
  readonly type: string;
  /** `VPC_LINK` integrations only: the VPC link V2 whose ENIs open the connection. */
  readonly vpcLinkId?: ElementId;
  /** The method the backend receives (`IntegrationMethod`); `ANY` keeps the client's. */
  readonly backendMethod: string;
  /** A private integration's load balancer listener; unknown (with why) for anything else it names. */
  readonly listener: Resolved<IntegrationListener>;
}

/** An HTTP API route: `GET /pets/{id}`, `ANY /{proxy+}`, or `$default` (no method or path: the catch-all). */
export interface HttpApiRoute extends Element {
  readonly routeKey: string;
  /** Undefined for `$default`. */
  readonly match?: { readonly method: string; readonly path: string };
  readonly integration: Resolved<HttpApiIntegration>;
}

/**
 * An API Gateway HTTP API (`AWS::ApiGatewayV2::Api` with `ProtocolType: HTTP`): regional, with no WAF and no
 * resource policy (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html).
 */
export interface HttpApi extends Element {
  readonly stages: readonly ApiStage[];
  readonly routes: readonly HttpApiRoute[];
}

export interface WebAcl extends Element {
  readonly scope: 'REGIONAL' | 'CLOUDFRONT';
  readonly defaultAction: 'allow' | 'block';
  readonly rules: readonly {
    readonly name: string;
    readonly kind: 'managed' | 'rate-based' | 'custom';
    readonly detail: string;
  }[];
  /** Stages, load balancers, ... associated with this ACL. */
  readonly associatedIds: readonly ElementId[];
  readonly logging: boolean;
}

export interface ResourceShare extends Element {
  readonly principals: readonly Resolved<string>[];
  readonly sharedIds: readonly Resolved<ElementId>[];
}

export interface FlowLog extends Element {
  readonly resourceId: Resolved<ElementId>;
  readonly trafficType: string;
}

/** Something in the input the model could not use, with the reason: a warning, never a crash. */
export interface Diagnostic {
  readonly severity: 'warning' | 'info';
  readonly message: string;
  readonly source?: Source;
}

export interface NetworkModel {
  readonly stacks: readonly StackInfo[];
  readonly vpcs: readonly Vpc[];
  readonly subnets: readonly Subnet[];
  readonly routeTables: readonly RouteTable[];
  readonly internetGateways: readonly InternetGateway[];
  readonly natGateways: readonly NatGateway[];
  readonly elasticIps: readonly ElasticIp[];
  readonly transitGateways: readonly TransitGateway[];
  readonly transitGatewayAttachments: readonly TransitGatewayAttachment[];
  readonly transitGatewayRouteTables: readonly TransitGatewayRouteTable[];
  readonly firewalls: readonly Firewall[];
  readonly firewallPolicies: readonly FirewallPolicy[];
  readonly firewallRuleGroups: readonly FirewallRuleGroup[];
  readonly securityGroups: readonly SecurityGroup[];
  readonly prefixLists: readonly PrefixList[];
  readonly networkAcls: readonly NetworkAcl[];
  readonly loadBalancers: readonly LoadBalancer[];
  readonly targetGroups: readonly TargetGroup[];
  readonly ecsServices: readonly EcsService[];
  readonly instances: readonly Instance[];
  readonly vpcEndpoints: readonly VpcEndpoint[];
  readonly vpcLinks: readonly VpcLink[];
  readonly restApis: readonly RestApi[];
  readonly httpApis: readonly HttpApi[];
  readonly webAcls: readonly WebAcl[];
  readonly resourceShares: readonly ResourceShare[];
  readonly flowLogs: readonly FlowLog[];
  /**
   * For each resource (by element id), the resources of its stack that CloudFormation creates before it: its
   * `DependsOn` and the resources it references. Resources absent from the map depend on nothing in their stack.
   */
  readonly deployOrder: Readonly<Record<ElementId, readonly ElementId[]>>;
  readonly diagnostics: readonly Diagnostic[];
}
