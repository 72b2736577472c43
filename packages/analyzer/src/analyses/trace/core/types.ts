import type {
  ElementId,
  InternetGateway,
  NatGateway,
  Resolved,
  Route,
  Source,
  Subnet,
} from '../../../model/types.js';
import type { Disposition, Hop, Step } from '../../types.js';
import type { Address, Nic } from '../address.js';
import type { ModelIndex } from '../model-index.js';
import type { PortRange } from '../network-acls.js';

/** The vocabulary the walk and the element modules share. */

/** A network interface with the name a hop gives it. */
export interface Place extends Nic {
  readonly hopKind: string;
  readonly node: Source;
  /** False for an NLB without security groups, which then filters nothing. */
  readonly securityGroupsApply: boolean;
}

export interface Packet {
  readonly source: Address;
  readonly destination: Address;
  readonly protocol: 'tcp' | 'udp';
  /** The service port: what security groups and the firewall match. */
  readonly port: number;
  /** The destination ports NACLs see: the service port, or the client's ephemeral range for a reply. */
  readonly destinationPorts: PortRange;
  /** The security groups of the sender, as long as its address is not translated. */
  readonly sourceGroupIds: readonly Resolved<ElementId>[];
  readonly hostname?: string;
}

/** Where a walk must arrive: the internet (or a public AWS service), or a network interface. */
export type Goal =
  | { readonly kind: 'public' }
  | { readonly kind: 'nic'; readonly place: Place; readonly vpcId: ElementId };

/** What one connection's walk left behind for its reply. */
export interface Session {
  readonly reply: boolean;
  /** Firewall endpoints crossed, in order; a reply consumes them from the end. */
  readonly crossings: { firewallId: ElementId; availabilityZone: string }[];
  /** The AZ the TGW chose in each attachment, which appliance mode keeps for the reply. */
  readonly tgwAz: Map<ElementId, string>;
  readonly assumptions: string[];
  /** The NAT gateway that translated the request, which translates the reply back. */
  nat?: NatGateway;
}

export type Exit =
  | { readonly kind: 'internet-gateway'; readonly gateway: InternetGateway; readonly nat?: NatGateway }
  | { readonly kind: 'gateway-endpoint'; readonly endpointSource: Source }
  | { readonly kind: 'nic' };

export interface WalkOutcome {
  readonly disposition: Disposition;
  readonly hops: Hop[];
  readonly reason?: string;
  readonly exit?: Exit;
}

/** The packet leaving a subnet by the route its table picked: what an element module's forwarder starts from. */
export interface Departure {
  readonly index: ModelIndex;
  /** The subnet the packet leaves, and the interface it is at there. */
  readonly subnet: Subnet;
  readonly place: Place;
  readonly packet: Packet;
  readonly goal: Goal;
  readonly session: Session;
  /** The route the subnet's table picked. */
  readonly route: Route;
  /** The decisions on the subnet's hop: the route, then any filter the packet leaves through. */
  readonly steps: Step[];
  /** The path so far, the subnet's hop last: an element appends its own hop. */
  readonly hops: Hop[];
}

/** The walk ends here. */
export interface Stop {
  readonly kind: 'stop';
  readonly outcome: WalkOutcome;
}

/** What an element does with a packet: ends the walk, or hands it on from one of its network interfaces. */
export type Forwarding = Stop | { readonly kind: 'next'; readonly place: Place; readonly packet: Packet };

/**
 * Where the reply of a connection starts: the hops it takes before it is at `from`, the interface its walk
 * starts from; or the whole reply, when it needs no walk.
 */
export type ReplyStart =
  | Stop
  | { readonly kind: 'walk'; readonly hops: readonly Hop[]; readonly from: Place };

/** One connection of a flow: a proxy (load balancer, VPC link) ends one and opens the next. */
export interface Leg {
  /** The sender, or undefined for a client on the internet. */
  readonly from?: Located;
  readonly packet: Packet;
  readonly session: Session;
  readonly outcome: WalkOutcome;
  /** The network interface the connection reached, when it ended at one. */
  readonly reached?: Located;
}

/** A flow traced forward so far: its hops and the connections it took. */
export interface Forward {
  readonly disposition: Disposition;
  readonly hops: Hop[];
  readonly legs: Leg[];
  readonly reason?: string;
}

/** A place in a subnet, and the address a packet from it carries. */
export interface Located {
  readonly place: Place;
  readonly subnet: Subnet;
  readonly vpcId: ElementId;
  readonly address: Address;
  readonly availabilityZone?: string;
}
