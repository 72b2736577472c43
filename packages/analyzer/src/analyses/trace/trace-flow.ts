import type { LoadBalancer, NetworkModel } from '../../model/types.js';
import type { Disposition, Flow, Hop, Step, Trace } from '../types.js';
import { type Address, describeAddress, isPrivateText, publicAddress } from './address.js';
import { failed, newSession, subnetHop } from './core/hops.js';
import {
  elementIdOf,
  interfaceEndpointPlace,
  loadBalancerPlace,
  loadBalancerZones,
  privateTarget,
  vpcLinkPlace,
  workloadPlace,
  workloadPlaces,
} from './core/places.js';
import type { Forward, Goal, Leg, Located, Packet, Session, WalkOutcome } from './core/types.js';
import { walk } from './core/walk.js';
import { describeEndpoint } from './describe.js';
import { indexModel, type ModelIndex } from './model-index.js';
import { EPHEMERAL_PORTS, evaluateNetworkAcl } from './network-acls.js';
import { evaluateSecurityGroups } from './security-groups.js';

const MAX_PROXIES = 4;

/**
 * Traces a flow hop by hop, forward and, when it is accepted, back: the reply of each connection must reach
 * its sender through the same stateful inspection points, or the flow is not accepted.
 */
export function traceFlow(model: NetworkModel, flow: Flow): Trace {
  const index = indexModel(model);
  const assumptions: string[] = [];
  const source =
    flow.from.kind === 'workload'
      ? workloadPlace(index, flow.from.id, flow.from.availabilityZone)
      : undefined;
  const forward = traceForward(index, flow, source, assumptions);
  const zone = source?.availabilityZone;
  const base = {
    flow,
    hops: forward.hops,
    ...(zone ? { availabilityZone: zone } : {}),
  };
  const withAssumptions = (trace: Trace): Trace =>
    assumptions.length > 0 ? { ...trace, assumptions: [...new Set(assumptions)] } : trace;
  if (forward.disposition !== 'ACCEPTED') {
    return withAssumptions({
      ...base,
      disposition: forward.disposition,
      ...(forward.reason ? { reason: forward.reason } : {}),
      ...(forward.disposition === 'UNKNOWN' && forward.reason ? { unknownReason: forward.reason } : {}),
    });
  }
  const returnHops: Hop[] = [];
  for (const leg of [...forward.legs].reverse()) {
    const reply = traceReply(index, leg, assumptions);
    appendMerged(returnHops, reply.hops);
    if (reply.disposition !== 'ACCEPTED') {
      const reason = `the reply fails: ${reply.reason ?? reply.disposition}`;
      return withAssumptions({
        ...base,
        disposition: reply.disposition,
        returnHops,
        reason,
        ...(reply.disposition === 'UNKNOWN' ? { unknownReason: reason } : {}),
      });
    }
  }
  return withAssumptions({ ...base, disposition: 'ACCEPTED', returnHops });
}

/** A proxy ends one reply and starts the next: its two hops read as one. */
function appendMerged(hops: Hop[], next: readonly Hop[]): void {
  const last = hops[hops.length - 1];
  const [first, ...rest] = next;
  if (
    last !== undefined &&
    first !== undefined &&
    last.kind === first.kind &&
    last.node.logicalId === first.node.logicalId &&
    last.node.stack === first.node.stack
  ) {
    hops[hops.length - 1] = { ...last, steps: [...last.steps, ...first.steps] };
    hops.push(...rest);
  } else {
    hops.push(...next);
  }
}

/**
 * A flow traced once from each AZ it can take: each AZ a source workload spans, or each AZ node of a load
 * balancer a client enters by.
 */
export function traceFlowInEachAz(model: NetworkModel, flow: Flow): Trace[] {
  const to = flow.to;
  if (flow.from.kind !== 'workload' && to.kind === 'entry' && to.availabilityZone === undefined) {
    const balancer = indexModel(model).loadBalancers.get(to.id);
    const zones = balancer ? loadBalancerZones(indexModel(model), balancer) : [];
    if (zones.length > 1) {
      return zones.map((availabilityZone) => traceFlow(model, { ...flow, to: { ...to, availabilityZone } }));
    }
  }
  if (flow.from.kind !== 'workload' || flow.from.availabilityZone !== undefined)
    return [traceFlow(model, flow)];
  const from = flow.from;
  const places = workloadPlaces(indexModel(model), from.id);
  if (places.length <= 1) return [traceFlow(model, flow)];
  return places.map((place) =>
    traceFlow(model, {
      ...flow,
      from: { ...from, ...(place.availabilityZone ? { availabilityZone: place.availabilityZone } : {}) },
    }),
  );
}

function traceForward(
  index: ModelIndex,
  flow: Flow,
  source: Located | undefined,
  assumptions: string[],
): Forward {
  if (flow.from.kind === 'workload') {
    if (source === undefined)
      return failed(
        'UNKNOWN',
        `${flow.from.id} is neither an ECS service nor an EC2 instance with a known subnet`,
      );
    return fromWorkload(index, flow, source, assumptions);
  }
  if (
    flow.from.kind === 'internet' ||
    flow.from.kind === 'host' ||
    (flow.from.kind === 'address' && !isPrivateText(flow.from.address))
  ) {
    return fromInternet(index, flow, assumptions);
  }
  return failed(
    'UNKNOWN',
    `Moat traces flows from a workload or from the internet, not from ${flow.from.kind}`,
  );
}

/** Where a flow from a workload goes: a place to reach, or the public side. */
function destinationOf(
  index: ModelIndex,
  flow: Flow,
  source: Located,
): { goal: Goal; address: Address; located?: Located } | string {
  const to = flow.to;
  const zone = source.availabilityZone;
  switch (to.kind) {
    case 'workload': {
      const target = workloadPlace(index, to.id, to.availabilityZone ?? zone);
      return target
        ? {
            goal: { kind: 'nic', place: target.place, vpcId: target.vpcId },
            address: target.address,
            located: target,
          }
        : `${to.id} is not a workload of the model`;
    }
    case 'entry': {
      const balancer = index.loadBalancers.get(to.id);
      const target = balancer ? loadBalancerPlace(index, balancer, zone) : undefined;
      if (target === undefined)
        return { goal: { kind: 'public' }, address: { kind: 'public', label: `${to.id} (public entry)` } };
      return {
        goal: { kind: 'nic', place: target.place, vpcId: target.vpcId },
        address: target.address,
        located: target,
      };
    }
    case 'aws-service': {
      // With private DNS, the service's name resolves to the endpoint's ENIs in the VPC.
      // https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns
      const endpoint = index.interfaceEndpointsByVpc
        .get(source.vpcId)
        ?.find(
          (candidate) =>
            candidate.privateDnsEnabled && candidate.service.known && candidate.service.value === to.service,
        );
      const target = endpoint ? interfaceEndpointPlace(index, endpoint, zone) : undefined;
      if (target !== undefined)
        return {
          goal: { kind: 'nic', place: target.place, vpcId: target.vpcId },
          address: target.address,
          located: target,
        };
      return { goal: { kind: 'public' }, address: publicAddress(to) };
    }
    case 'address': {
      if (!isPrivateText(to.address)) return { goal: { kind: 'public' }, address: publicAddress(to) };
      const target = privateTarget(index, to.address, zone);
      return target
        ? {
            goal: { kind: 'nic', place: target.place, vpcId: target.vpcId },
            address: target.address,
            located: target,
          }
        : `no subnet of the model holds ${to.address}`;
    }
    default:
      return { goal: { kind: 'public' }, address: publicAddress(to) };
  }
}

function fromWorkload(index: ModelIndex, flow: Flow, source: Located, assumptions: string[]): Forward {
  const destination = destinationOf(index, flow, source);
  if (typeof destination === 'string') return failed('UNKNOWN', destination);
  const packet: Packet = {
    source: source.address,
    destination: destination.address,
    protocol: flow.protocol,
    port: flow.port,
    destinationPorts: { from: flow.port, to: flow.port },
    sourceGroupIds: source.place.securityGroupIds,
    ...(flow.to.kind === 'host' ? { hostname: flow.to.hostname } : {}),
  };
  const leg = connect(index, source, packet, destination.goal, destination.located, assumptions);
  const forward: Forward = {
    disposition: leg.outcome.disposition,
    hops: [subnetHop(source.place.hopKind, source.place.node, source.subnet, leg.senderSteps), ...leg.hops],
    legs: [leg],
    ...(leg.outcome.reason ? { reason: leg.outcome.reason } : {}),
  };
  const balancer = destination.located
    ? index.loadBalancers.get(elementIdOf(destination.located.place.node))
    : undefined;
  return forward.disposition === 'ACCEPTED' && balancer && destination.located
    ? proxy(index, forward, balancer, destination.located, flow, assumptions, 0)
    : forward;
}

/**
 * One connection from a network interface: its egress security group check (the step goes on the sender's hop,
 * which the caller owns), then the walk (`hops`).
 */
function connect(
  index: ModelIndex,
  from: Located,
  packet: Packet,
  goal: Goal,
  reached: Located | undefined,
  assumptions: string[],
): Leg & { senderSteps: Step[]; hops: Hop[] } {
  const session = newSession(assumptions);
  const senderSteps: Step[] = [];
  if (from.place.securityGroupsApply) {
    const peerGroups = goal.kind === 'nic' ? goal.place.securityGroupIds : [];
    const verdict = evaluateSecurityGroups(
      index,
      from.place.securityGroupIds,
      'egress',
      { address: packet.destination, securityGroupIds: peerGroups },
      packet.protocol,
      packet.port,
      from.place.node,
    );
    senderSteps.push(verdict.step);
    if (verdict.kind !== 'allow') {
      const outcome: WalkOutcome = {
        disposition: verdict.kind === 'deny' ? 'DENIED_BY_SECURITY_GROUP' : 'UNKNOWN',
        hops: [],
        reason: verdict.reason,
      };
      return { from, packet, session, outcome, senderSteps, hops: [] };
    }
  }
  const outcome = walk(index, from.place, packet, goal, session);
  return { from, packet, session, outcome, ...(reached ? { reached } : {}), senderSteps, hops: outcome.hops };
}

/**
 * A load balancer ends the client's connection and opens one to a target of the listener's target group. Its
 * security groups' outbound rules apply to that connection (ALB and NLB alike):
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
 */
function proxy(
  index: ModelIndex,
  forward: Forward,
  balancer: LoadBalancer,
  node: Located,
  flow: Flow,
  assumptions: string[],
  depth: number,
  port = flow.port,
): Forward {
  const steps: Step[] = [];
  // The load balancer's decisions go on the hop where the client's connection arrived.
  const withSteps = (added: readonly Step[]): Hop[] =>
    forward.hops.map((hop, position) =>
      position === forward.hops.length - 1 ? { ...hop, steps: [...hop.steps, ...added] } : hop,
    );
  const stop = (disposition: Disposition, reason: string): Forward => ({
    ...forward,
    hops: withSteps(steps),
    disposition,
    reason,
  });
  if (depth >= MAX_PROXIES) return stop('UNKNOWN', 'more than four load balancers in a row');
  const listener = balancer.listeners.find((candidate) => candidate.port === port);
  if (listener === undefined) {
    steps.push({ action: 'no listener', detail: `no listener on port ${port}` });
    return stop('NO_ROUTE', `${balancer.source.logicalId} has no listener on port ${port}`);
  }
  const group = listener.targetGroupIds
    .map((id) => index.targetGroups.get(id))
    .find((candidate) => candidate !== undefined);
  if (group === undefined)
    return stop('NO_ROUTE', `listener ${listener.source.logicalId} forwards to no target group`);
  const zone = node.availabilityZone;
  const service = group.ecsServiceIds[0];
  const ipTarget = group.targets.find((target) => target.address.known)?.address;
  const target =
    service !== undefined
      ? workloadPlace(index, service, zone)
      : group.targetType === 'instance' && ipTarget?.known
        ? workloadPlace(index, ipTarget.value, zone)
        : ipTarget?.known
          ? privateTarget(index, ipTarget.value, zone)
          : undefined;
  if (target === undefined) {
    steps.push({
      action: 'forward',
      detail: `listener :${port} → ${group.source.logicalId}: no target in the model`,
    });
    return stop('NO_ROUTE', `target group ${group.source.logicalId} has no target Moat can place`);
  }
  const containerPort = service !== undefined ? index.ecsServices.get(service)?.containerPorts[0] : undefined;
  const targetPort =
    containerPort ?? group.targets.find((candidate) => candidate.port !== undefined)?.port ?? group.port;
  steps.push({
    action: 'forward',
    detail: `listener :${port}/${listener.protocol} → ${group.source.logicalId} → ${target.place.node.logicalId}:${targetPort}${target.availabilityZone ? ` in ${target.availabilityZone}` : ''}`,
    source: listener.source,
  });
  const packet: Packet = {
    source: node.address,
    destination: target.address,
    protocol: flow.protocol,
    port: targetPort,
    destinationPorts: { from: targetPort, to: targetPort },
    sourceGroupIds: node.place.securityGroupIds,
  };
  const goal: Goal = { kind: 'nic', place: target.place, vpcId: target.vpcId };
  const leg = connect(index, node, packet, goal, target, assumptions);
  const hops = [...withSteps([...steps, ...leg.senderSteps]), ...leg.hops];
  const next: Forward = {
    disposition: leg.outcome.disposition,
    hops,
    legs: [...forward.legs, leg],
    ...(leg.outcome.reason ? { reason: leg.outcome.reason } : {}),
  };
  const nextBalancer = index.loadBalancers.get(elementIdOf(target.place.node));
  return next.disposition === 'ACCEPTED' && nextBalancer && target.place.hopKind === 'load balancer'
    ? proxy(index, next, nextBalancer, target, flow, assumptions, depth + 1, targetPort)
    : next;
}

/** A client on the internet: only public entries (internet-facing load balancer, API stage, public IP) answer. */
function fromInternet(index: ModelIndex, flow: Flow, assumptions: string[]): Forward {
  const to = flow.to;
  const id = to.kind === 'entry' || to.kind === 'workload' ? to.id : undefined;
  if (id === undefined)
    return failed('NOT_REACHABLE_FROM_INTERNET', `${describeEndpoint(to)} has no public address`);
  const client: Address = publicAddress(flow.from);
  const balancer = index.loadBalancers.get(id);
  if (balancer !== undefined) {
    if (balancer.scheme === 'internal') {
      return failed(
        'NOT_REACHABLE_FROM_INTERNET',
        `${balancer.source.logicalId} is an internal load balancer: it has no public address`,
      );
    }
    const node = loadBalancerPlace(index, balancer, to.kind === 'entry' ? to.availabilityZone : undefined);
    if (node === undefined)
      return failed('UNKNOWN', `${balancer.source.logicalId} has no subnet in the model`);
    return ingressThroughGateway(index, flow, client, node, assumptions, (forward) =>
      proxy(index, forward, balancer, node, flow, assumptions, 0),
    );
  }
  const stage = index.model.restApis
    .flatMap((api) => api.stages.map((candidate) => ({ api, stage: candidate })))
    .find(({ stage: candidate }) => candidate.id === id);
  if (stage !== undefined) return throughApi(index, flow, stage.api, stage.stage, assumptions);
  const workload = workloadPlace(index, id, to.kind === 'workload' ? to.availabilityZone : undefined);
  if (workload === undefined)
    return failed('NOT_REACHABLE_FROM_INTERNET', `${id} is not a public entry of the model`);
  if (!workload.place.publicIp) {
    return failed(
      'NOT_REACHABLE_FROM_INTERNET',
      `${workload.place.node.logicalId} has no public IP: its address is private (in ${workload.subnet.source.logicalId})`,
    );
  }
  return ingressThroughGateway(index, flow, client, workload, assumptions, (forward) => forward);
}

/** Internet → internet gateway → a public network interface (load balancer node, public IP). */
function ingressThroughGateway(
  index: ModelIndex,
  flow: Flow,
  client: Address,
  entry: Located,
  assumptions: string[],
  then: (forward: Forward) => Forward,
): Forward {
  const gateway = index.internetGatewayByVpc.get(entry.vpcId);
  if (gateway === undefined) {
    return failed(
      'NOT_REACHABLE_FROM_INTERNET',
      `the VPC of ${entry.place.node.logicalId} has no internet gateway`,
    );
  }
  const hops: Hop[] = [
    {
      kind: 'internet gateway',
      node: gateway.source,
      steps: [{ action: 'forward', detail: `internet → public IP of ${entry.place.node.logicalId}` }],
    },
  ];
  const steps: Step[] = [];
  hops.push(subnetHop(entry.place.hopKind, entry.place.node, entry.subnet, steps));
  const session = newSession(assumptions);
  const packet: Packet = {
    source: client,
    destination: entry.address,
    protocol: flow.protocol,
    port: flow.port,
    destinationPorts: { from: flow.port, to: flow.port },
    sourceGroupIds: [],
  };
  const leg = (disposition: Disposition, reason?: string): Forward => ({
    disposition,
    hops,
    legs: [
      { packet, session, outcome: { disposition, hops: [], ...(reason ? { reason } : {}) }, reached: entry },
    ],
    ...(reason ? { reason } : {}),
  });
  const acl = index.networkAclOf(entry.subnet);
  if (acl !== undefined) {
    const verdict = evaluateNetworkAcl(index, acl, 'ingress', client, flow.protocol, packet.destinationPorts);
    steps.push(verdict.step);
    if (verdict.kind !== 'allow')
      return leg(verdict.kind === 'deny' ? 'DENIED_BY_NACL' : 'UNKNOWN', verdict.reason);
  }
  if (entry.place.securityGroupsApply) {
    const verdict = evaluateSecurityGroups(
      index,
      entry.place.securityGroupIds,
      'ingress',
      { address: client, securityGroupIds: [] },
      flow.protocol,
      flow.port,
      entry.place.node,
    );
    steps.push(verdict.step);
    if (verdict.kind !== 'allow')
      return leg(verdict.kind === 'deny' ? 'DENIED_BY_SECURITY_GROUP' : 'UNKNOWN', verdict.reason);
  }
  return then(leg('ACCEPTED'));
}

/**
 * A REST API stage: TLS ends at API Gateway, WAF filters there, and the integration reaches the ALB through the
 * ENIs of a VPC link V2. https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-integration.html
 */
function throughApi(
  index: ModelIndex,
  flow: Flow,
  api: NetworkModel['restApis'][number],
  stage: NetworkModel['restApis'][number]['stages'][number],
  assumptions: string[],
): Forward {
  const steps: Step[] = [
    {
      action: 'stage',
      detail: `${api.endpointType} REST API ${api.source.logicalId}, stage '${stage.stageName}'`,
    },
  ];
  const acl = index.webAclByResource.get(stage.id);
  if (acl !== undefined)
    steps.push({
      action: 'waf',
      detail: `web ACL ${acl.source.logicalId} (default ${acl.defaultAction}, ${acl.rules.length} rules)`,
      source: acl.source,
    });
  const hops: Hop[] = [{ kind: 'api stage', node: stage.source, steps }];
  if (api.endpointType === 'PRIVATE')
    return failed('NOT_REACHABLE_FROM_INTERNET', `${api.source.logicalId} is a PRIVATE API`, hops);
  const integration = api.integrations.find(
    (candidate) => candidate.vpcLinkId !== undefined && candidate.loadBalancerId !== undefined,
  );
  const balancer = integration?.loadBalancerId
    ? index.loadBalancers.get(integration.loadBalancerId)
    : undefined;
  const link = integration?.vpcLinkId ? vpcLinkPlace(index, integration.vpcLinkId) : undefined;
  if (integration === undefined || balancer === undefined || link === undefined) {
    steps.push({ action: 'integration', detail: 'no VPC link integration to a load balancer of the model' });
    return failed(
      'NO_ROUTE',
      `${api.source.logicalId} has no VPC link V2 integration to a load balancer of the model`,
      hops,
    );
  }
  const node = loadBalancerPlace(index, balancer, link.availabilityZone);
  if (node === undefined)
    return failed('UNKNOWN', `${balancer.source.logicalId} has no subnet in the model`, hops);
  const port = integrationPort(integration.uri, balancer);
  steps.push({
    action: 'integration',
    detail: `${integration.method} ${integration.path} → VPC link ${link.place.node.logicalId} → ${balancer.source.logicalId}:${port}`,
  });
  const packet: Packet = {
    source: link.address,
    destination: node.address,
    protocol: flow.protocol,
    port,
    destinationPorts: { from: port, to: port },
    sourceGroupIds: link.place.securityGroupIds,
  };
  const leg = connect(
    index,
    link,
    packet,
    { kind: 'nic', place: node.place, vpcId: node.vpcId },
    node,
    assumptions,
  );
  const forward: Forward = {
    disposition: leg.outcome.disposition,
    hops: [
      ...hops,
      subnetHop(link.place.hopKind, link.place.node, link.subnet, leg.senderSteps),
      ...leg.hops,
    ],
    legs: [leg],
    ...(leg.outcome.reason ? { reason: leg.outcome.reason } : {}),
  };
  return forward.disposition === 'ACCEPTED'
    ? proxy(index, forward, balancer, node, flow, assumptions, 0, port)
    : forward;
}

/** The listener port the integration calls: the URI's port, else the first listener's. */
function integrationPort(
  uri: NetworkModel['restApis'][number]['integrations'][number]['uri'],
  balancer: LoadBalancer,
): number {
  const match = uri.known ? /^(https?):\/\/[^/:]+(?::(\d+))?/.exec(uri.value) : null;
  if (match?.[2]) return Number(match[2]);
  if (match?.[1]) return match[1] === 'https' ? 443 : 80;
  return balancer.listeners[0]?.port ?? 80;
}

/** The reply of one connection, from where it ended back to its sender. */
function traceReply(index: ModelIndex, leg: Leg, assumptions: string[]): WalkOutcome {
  const session: Session = {
    reply: true,
    crossings: [...leg.session.crossings],
    tgwAz: leg.session.tgwAz,
    assumptions,
  };
  const exit = leg.outcome.exit;
  const back: Packet = {
    source: leg.packet.destination,
    destination: leg.packet.source,
    protocol: leg.packet.protocol,
    port: leg.packet.port,
    destinationPorts: EPHEMERAL_PORTS,
    sourceGroupIds: [],
  };
  const goal: Goal = leg.from
    ? { kind: 'nic', place: leg.from.place, vpcId: leg.from.vpcId }
    : { kind: 'public' };
  if (exit?.kind === 'internet-gateway') {
    const hops: Hop[] = [
      {
        kind: 'internet gateway',
        node: exit.gateway.source,
        steps: [
          {
            action: 'reply',
            detail: `internet → ${exit.nat ? `Elastic IP of ${exit.nat.source.logicalId}` : 'public IP'}`,
          },
        ],
      },
    ];
    const nat = exit.nat;
    if (nat !== undefined) {
      const natSubnet = index.subnets.get(nat.subnetId);
      hops.push(
        subnetHop('nat gateway', nat.source, natSubnet, [
          { action: 'reverse NAT', detail: `→ ${describeAddress(leg.packet.source)}` },
        ]),
      );
      const place = {
        subnetId: nat.subnetId,
        securityGroupIds: [],
        publicIp: true,
        hopKind: 'nat gateway',
        node: nat.source,
        securityGroupsApply: false,
      };
      const outcome = walk(index, place, back, goal, session);
      return { ...outcome, hops: [...hops, ...outcome.hops] };
    }
    if (leg.from === undefined) return { disposition: 'ACCEPTED', hops };
    hops.push(
      subnetHop(leg.from.place.hopKind, leg.from.place.node, leg.from.subnet, [
        { action: 'stateful', detail: 'reply to its public IP' },
      ]),
    );
    return { disposition: 'ACCEPTED', hops };
  }
  if (exit?.kind === 'gateway-endpoint') {
    const hops: Hop[] = [
      {
        kind: 'gateway endpoint',
        node: exit.endpointSource,
        steps: [{ action: 'reply', detail: `→ ${describeAddress(leg.packet.source)}` }],
      },
    ];
    if (leg.from)
      hops.push(
        subnetHop(leg.from.place.hopKind, leg.from.place.node, leg.from.subnet, [
          { action: 'stateful', detail: 'reply of an allowed connection' },
        ]),
      );
    return { disposition: 'ACCEPTED', hops };
  }
  const reached = leg.reached;
  if (reached === undefined)
    return { disposition: 'UNKNOWN', hops: [], reason: 'the connection ended nowhere Moat can reply from' };
  const first = subnetHop(reached.place.hopKind, reached.place.node, reached.subnet, [
    { action: 'reply', detail: `→ ${describeAddress(leg.packet.source)}` },
  ]);
  const outcome = walk(index, reached.place, back, goal, session);
  return { ...outcome, hops: [first, ...outcome.hops] };
}
