/**
 * The vendor-independent network model (Batfish's "vendor-independent model"): what the analyses read.
 * It is built from CloudFormation templates by `build-model.ts` and never refers to template syntax again.
 *
 * Every element keeps a `Source` (stack, logical ID, construct path) so that a hop or a finding can name
 * the resource a user wrote. Values that could not be resolved from the templates are `Resolved` with
 * `known: false` and a reason; an analysis that depends on one says so instead of guessing.
 */

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

export interface Subnet extends Element {
  readonly vpcId: ElementId;
  readonly cidr: Resolved<string>;
  readonly availabilityZone: Resolved<string>;
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
       * When `availabilityZone` is unknown because the route picks `Fn::Select [i, EndpointIds]`: the AZ of the
       * firewall's i-th subnet mapping, which is what such templates assume. AWS does not document the order
       * of `EndpointIds`, so a trace that uses this records it in `Trace.assumptions`.
       */
      readonly assumedAvailabilityZone?: string;
    }
  | { readonly kind: 'gateway-endpoint'; readonly id: ElementId }
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
}

export interface NatGateway extends Element {
  readonly subnetId: ElementId;
  readonly connectivity: 'public' | 'private';
  readonly elasticIpId?: ElementId;
}

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

export type FirewallAction = 'PASS' | 'DROP' | 'ALERT' | 'REJECT';

/** One stateful rule, normalised from a domain list, a 5-tuple rule or a Suricata rule string. */
export interface StatefulRule {
  readonly action: FirewallAction;
  /** `tls` with an SNI match, `http` with a Host match, or a 5-tuple protocol. */
  readonly protocol: 'tls' | 'http' | 'tcp' | 'udp' | 'icmp' | 'ip';
  readonly sourceCidrs: 'any' | readonly Resolved<string>[];
  /**
   * A rule variable such as `HOME_NET` or `EXTERNAL_NET` (the negation of HOME_NET) in the source; when set,
   * `sourceCidrs` is ignored. Variables are resolved when the rule is evaluated: the rule group's, then the
   * policy's, then the firewall VPC's CIDR (https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateful-rule-groups-domain-names.html).
   */
  readonly sourceVariable?: string;
  readonly sourcePorts: 'any' | readonly number[];
  readonly destinationCidrs: 'any' | readonly Resolved<string>[];
  readonly destinationVariable?: string;
  readonly destinationPorts: 'any' | readonly number[];
  /** Domain names matched by TLS SNI or HTTP Host; `.example.com` matches subdomains. */
  readonly domains?: readonly string[];
  /** How a person would name the rule: the domain, the sid and message, or the 5-tuple. */
  readonly description: string;
  readonly sid?: number;
}

export interface FirewallRuleGroup extends Element {
  readonly kind: 'STATEFUL' | 'STATELESS';
  /** Rule variables of the group, such as HOME_NET, as CIDR lists. */
  readonly variables: Readonly<Record<string, readonly Resolved<string>[]>>;
  readonly rules: readonly StatefulRule[];
  /** For domain lists: ALLOWLIST or DENYLIST, which adds AWS's implicit rules. */
  readonly generatedRulesType?: 'ALLOWLIST' | 'DENYLIST';
}

export interface FirewallPolicy extends Element {
  readonly ruleOrder: 'STRICT_ORDER' | 'DEFAULT_ACTION_ORDER';
  /** For example `aws:forward_to_sfe`, `aws:pass`, `aws:drop`. */
  readonly statelessDefaultActions: readonly string[];
  readonly statelessFragmentDefaultActions: readonly string[];
  /** Only with STRICT_ORDER, for example `aws:drop_established`, `aws:alert_established`. */
  readonly statefulDefaultActions: readonly string[];
  readonly statefulRuleGroups: readonly {
    readonly ruleGroupId: Resolved<ElementId>;
    readonly priority?: number;
  }[];
  /** Policy-level HOME_NET override (`PolicyVariables.RuleVariables.HOME_NET`), if any. */
  readonly homeNet?: readonly Resolved<string>[];
}

export interface Firewall extends Element {
  readonly vpcId: ElementId;
  /** One endpoint per subnet mapping, in that subnet's AZ. */
  readonly subnetIds: readonly ElementId[];
  readonly policyId: Resolved<ElementId>;
  /** Log destinations by type (`FLOW`, `ALERT`, `TLS`). */
  readonly logTypes: readonly string[];
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
  readonly targetGroupIds: readonly ElementId[];
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
}

export interface Instance extends Element {
  readonly subnetId: ElementId;
  readonly securityGroupIds: readonly Resolved<ElementId>[];
  readonly publicIp: boolean;
  readonly instanceType: Resolved<string>;
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
  readonly path: string;
  readonly method: string;
  readonly vpcLinkId?: ElementId;
  /** V2 VPC links: the ALB (or its listener) the integration targets. */
  readonly loadBalancerId?: ElementId;
  readonly uri: Resolved<string>;
}

export interface RestApi extends Element {
  readonly endpointType: 'REGIONAL' | 'EDGE' | 'PRIVATE';
  readonly stages: readonly ApiStage[];
  readonly integrations: readonly ApiIntegration[];
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
  readonly webAcls: readonly WebAcl[];
  readonly resourceShares: readonly ResourceShare[];
  readonly flowLogs: readonly FlowLog[];
  readonly diagnostics: readonly Diagnostic[];
}
