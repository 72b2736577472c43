import type { FindingAcknowledgement } from '../acknowledgements/types.js';
import type { ElementId, NetworkModel, Source } from '../model/types.js';

/**
 * The vocabulary of the analyses (Batfish's `Trace{flow, disposition, hops}`, with the facts that AWS
 * Reachability Analyzer's path components carry: route entry, rule, target).
 */

export type Disposition =
  | 'ACCEPTED'
  | 'DROPPED_BY_FIREWALL'
  | 'DENIED_BY_SECURITY_GROUP'
  | 'DENIED_BY_NACL'
  | 'NO_ROUTE'
  | 'BLACKHOLE'
  | 'NOT_REACHABLE_FROM_INTERNET'
  /**
   * The packets get through, but the HTTP request is not served: an API stage or a load balancer answers it
   * itself (no API resource matches, a listener rule's fixed response or redirect), or the service receives a
   * path that is none of its routes (`Flow.serviceRoutes`), to which it answers 404. Network reachability holds;
   * the request does not reach the application as the design means it to. `Trace.reason` names the path.
   */
  | 'NOT_SERVED'
  /** The path depends on a value the templates do not determine; `Trace.unknownReason` says which. */
  | 'UNKNOWN';

/** Where a flow starts or ends. */
export type Endpoint =
  | { readonly kind: 'internet'; readonly address?: string }
  /** An internet host by name (TLS SNI / HTTP Host) and, optionally, address. */
  | { readonly kind: 'host'; readonly hostname: string; readonly address?: string }
  | { readonly kind: 'address'; readonly address: string }
  /** A task of an ECS service, or an EC2 instance; `availabilityZone` pins the task's AZ. */
  | { readonly kind: 'workload'; readonly id: ElementId; readonly availabilityZone?: string }
  /** A public entry: API stage, internet-facing load balancer, instance public IP; `availabilityZone` pins a load balancer node. */
  | { readonly kind: 'entry'; readonly id: ElementId; readonly availabilityZone?: string }
  /** An AWS service reached from a VPC, such as `ecr.api` or `s3`. */
  | { readonly kind: 'aws-service'; readonly service: string }
  /**
   * A network interface somewhere in a subnet, whose security groups the flow does not name: traced with none
   * (the trace says so in its assumptions).
   */
  | { readonly kind: 'subnet'; readonly id: ElementId }
  /** An interface VPC endpoint's network interface; `availabilityZone` pins the one of that AZ. */
  | { readonly kind: 'vpc-endpoint'; readonly id: ElementId; readonly availabilityZone?: string };

export interface Flow {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  /**
   * The HTTP request of a flow into an API stage or a load balancer's HTTP listener: the trace carries it hop
   * by hop (the stage, the integration, listener rules and their rewrites) to what the service receives. A flow
   * into an API stage without one sends the request of the API's first integrated method.
   */
  readonly http?: HttpRequest;
  /**
   * The paths the service at the end answers (Moat's config `service.routes`). With them, a request whose path
   * the service does not route is `NOT_SERVED`; without them (anyone's templates), the path the service receives
   * is reported, not judged.
   */
  readonly serviceRoutes?: readonly string[];
}

/** An HTTP request as a client sends it. */
export interface HttpRequest {
  readonly method: string;
  /** The path, with its query string if it has one: `/prod/price?symbol=BTCUSDT`. */
  readonly path: string;
  /** The Host header; absent when the templates do not determine it (a load balancer's DNS name, say). */
  readonly host?: string;
  /** Other headers, by lower-case name. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** One decision at one hop: the route entry matched, the rule matched, the target chosen. */
export interface Step {
  readonly action: string;
  readonly detail: string;
  /** The resource that made the decision, when it is not the hop's own (a Route, an SG rule...). */
  readonly source?: Source;
}

export interface Hop {
  /** A short kind a person reads: `task ENI`, `subnet`, `tgw attachment`, `firewall`, `nat gateway`... */
  readonly kind: string;
  readonly node: Source;
  readonly availabilityZone?: string;
  readonly steps: readonly Step[];
}

export interface Trace {
  readonly flow: Flow;
  readonly disposition: Disposition;
  readonly hops: readonly Hop[];
  /** The reply's path, for accepted flows: it must cross the same stateful inspection points. */
  readonly returnHops?: readonly Hop[];
  /** For dispositions other than ACCEPTED: the hop and the setting at fault, in a sentence. */
  readonly reason?: string;
  readonly unknownReason?: string;
  /** The AZ the flow was traced from (the source task's AZ), when it has one. */
  readonly availabilityZone?: string;
  /** Facts the verdict relies on that the templates do not determine, such as a firewall endpoint's AZ. */
  readonly assumptions?: readonly string[];
}

/** A standard or user flow with what the assembly should do with it. */
export interface ExpectedFlow {
  /** `ingress`, `egress-allowed`, `egress-denied`, `aws-services`, `direct-to-task`, `direct-to-alb`, or a user name. */
  readonly name: string;
  readonly flow: Flow;
  readonly expected: Disposition;
  /** For accepted flows that must take a private path: through a VPC endpoint, never through a NAT gateway. */
  readonly via?: 'vpc-endpoint';
}

export interface FlowResult {
  readonly expectation: ExpectedFlow;
  /** The first trace that breaks the expectation, else the first trace. */
  readonly trace: Trace;
  /** One trace per AZ the source spans (a service in two AZs is traced from each). */
  readonly traces: readonly Trace[];
  /** True when every trace has the expected disposition. */
  readonly holds: boolean;
}

export type Severity = 'error' | 'warning';

export interface Finding {
  readonly ruleId: `NET${number}`;
  readonly severity: Severity;
  /** Names the resource and the setting at fault, and what to do. */
  readonly message: string;
  readonly source?: Source;
  /** True when the rule could not decide because an input value was unknown. */
  readonly undetermined?: boolean;
  /** Set when an acknowledgement covers the finding: it is still shown, but no longer counts. */
  readonly acknowledgement?: FindingAcknowledgement;
}

export interface Invariant {
  readonly id: `NET${number}`;
  readonly title: string;
  readonly rationale: string;
  check(model: NetworkModel): readonly Finding[];
}
