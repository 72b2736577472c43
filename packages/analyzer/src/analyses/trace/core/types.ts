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
  /**
   * The public IPv4 address an internet gateway translates the source to: the sender's public IP or Elastic IP,
   * or a public NAT gateway's Elastic IP. Firewall and Gateway Load Balancer endpoints keep it, since they keep
   * the source address; absent, no internet gateway carries the packet.
   */
  readonly sourcePublicIp?: PublicIp;
  /**
   * Where the reply goes when it is not the source: an NLB that preserves the client's IP takes the target's reply
   * at its node, which answers the client.
   */
  readonly returnAddress?: Address;
}

/** A public IPv4 address mapped to a private one, which only the internet gateway of its VPC translates. */
export interface PublicIp {
  /** How a hop names it: `public IP of WebServer`, `Elastic IP of NatA`. */
  readonly label: string;
  readonly vpcId: ElementId;
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
  /**
   * The NAT gateways that translated the request, in order, each with the interface that did (a regional NAT
   * gateway's in the AZ it served); the reply is translated back at each, last first.
   */
  readonly translations: { readonly nat: NatGateway; readonly at: Located }[];
  /**
   * What an ACCEPTED verdict would rest on that Moat cannot evaluate, such as the appliances behind a Gateway
   * Load Balancer endpoint: the trace is then UNKNOWN with this reason. A drop elsewhere on the path still stands.
   */
  readonly undecided: string[];
}

export type Exit =
  /** Left for the internet, its source translated to `publicIp` (`PublicIp.label`). */
  | { readonly kind: 'internet-gateway'; readonly gateway: InternetGateway; readonly publicIp: string }
  | { readonly kind: 'gateway-endpoint'; readonly endpointSource: Source }
  | { readonly kind: 'nic' };

export interface WalkOutcome {
  readonly disposition: Disposition;
  readonly hops: Hop[];
  readonly reason?: string;
  readonly exit?: Exit;
}

/**
 * The packet leaving a subnet, or entering the VPC by its internet gateway, by the route a route table picked:
 * what an element module's forwarder starts from.
 */
export interface Departure {
  readonly index: ModelIndex;
  /** The subnet the packet leaves; undefined when it enters the VPC from a gateway (no subnet's NACL to leave). */
  readonly subnet?: Subnet;
  readonly vpcId: ElementId;
  readonly packet: Packet;
  readonly goal: Goal;
  readonly session: Session;
  /** The route the subnet's table picked. */
  readonly route: Route;
  /** The decisions on the subnet's (or gateway's) hop: the route, then any filter the packet leaves through. */
  readonly steps: Step[];
  /** The path so far, the subnet's (or gateway's) hop last: an element appends its own hop. */
  readonly hops: Hop[];
}

/** The walk ends here. */
export interface Stop {
  readonly kind: 'stop';
  readonly outcome: WalkOutcome;
}

/** A route table picked a route (or the walk ended before): what the element the route targets starts from. */
export type Departed = Stop | { readonly kind: 'depart'; readonly departure: Departure };

/** What an element does with a packet: ends the walk, or hands it on from one of its network interfaces. */
export type Forwarding = Stop | { readonly kind: 'next'; readonly place: Place; readonly packet: Packet };

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
