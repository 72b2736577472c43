import type { CreateNetworkInsightsPathCommandInput } from '@aws-sdk/client-ec2';
import type { Hop, NetworkModel } from '@moat/analyzer';
import type { AccountClients } from '../aws/clients.js';
import { awsServiceHost } from '../aws/service-hosts.js';
import type { Deployment } from '../deployment/map-deployment.js';
import type { ServiceTasks } from '../deployment/service-tasks.js';
import type { FlowRow } from '../flow-rows.js';

type PathInput = Omit<CreateNetworkInsightsPathCommandInput, 'ClientToken' | 'TagSpecifications' | 'DryRun'>;

/** One Network Insights path to create for a row, in the account of its source. */
export interface PathRequest {
  readonly rowId: string;
  readonly clients: AccountClients;
  readonly input: PathInput;
  /** `eni-1 (task in eu-central-1a) → 203.0.113.10:443/tcp`. */
  readonly text: string;
}

export type PathPlan =
  | { readonly kind: 'path'; readonly request: PathRequest }
  | { readonly kind: 'skip'; readonly rowId: string; readonly reason: string };

export interface PathContext {
  readonly model: NetworkModel;
  readonly deployment: Deployment;
  readonly tasks: ServiceTasks | string;
  readonly region: string;
  /** A host name's IPv4 address, for destinations on the internet (Reachability Analyzer takes an IP). */
  readonly resolve: (host: string) => Promise<string | undefined>;
}

interface End {
  readonly id?: string;
  readonly ip?: string;
  readonly account?: string;
  readonly text: string;
}

/**
 * Source and destination as Reachability Analyzer accepts them: network interfaces (a task's), instances,
 * internet gateways, VPC endpoints and, for destinations on the internet, an IP address; the protocol and port.
 * https://docs.aws.amazon.com/vpc/latest/reachability/how-reachability-analyzer-works.html#source-and-destination-resources
 * From an internet gateway the port is the one the packet leaves the gateway with (FilterAtSource), since a
 * load balancer on the way may change it; from an ENI it is the destination port.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkInsightsPath.html
 */
export async function planPath(row: FlowRow, context: PathContext): Promise<PathPlan> {
  const skip = (reason: string): PathPlan => ({ kind: 'skip', rowId: row.id, reason });
  const source = sourceOf(row, context);
  if (typeof source === 'string') return skip(source);
  const destination = await destinationOf(row, context);
  if (typeof destination === 'string') return skip(destination);
  if (
    source.account !== undefined &&
    destination.account !== undefined &&
    source.account !== destination.account
  ) {
    return skip(
      `the source is in account ${source.account} and the destination in ${destination.account}: cross-account paths need Reachability Analyzer's trusted access in AWS Organizations, which moat confirm does not set up`,
    );
  }
  const sourceStack = sourceStackOf(row, context);
  if (sourceStack === undefined) return skip('no deployed stack holds the source');
  const fromGateway = source.id?.startsWith('igw-') === true;
  const input: PathInput = {
    Source: source.id,
    Protocol: row.flow.protocol,
    ...(destination.id === undefined ? {} : { Destination: destination.id }),
    ...(destination.ip === undefined ? {} : { DestinationIp: destination.ip }),
    ...(fromGateway
      ? { FilterAtSource: { DestinationPortRange: { FromPort: row.flow.port, ToPort: row.flow.port } } }
      : { DestinationPort: row.flow.port }),
  };
  return {
    kind: 'path',
    request: {
      rowId: row.id,
      clients: context.deployment.clientsOf(sourceStack),
      input,
      text: `${source.text} → ${destination.text}:${row.flow.port}/${row.flow.protocol}`,
    },
  };
}

/** The EC2 instance a flow starts or ends at (steps 2 and 3 run the service on one), when it is one. */
const instanceOf = (context: PathContext, id: string) =>
  context.model.instances.find((instance) => instance.id === id);

function sourceOf(row: FlowRow, context: PathContext): End | string {
  const { flow, trace } = row;
  const instance = flow.from.kind === 'workload' ? instanceOf(context, flow.from.id) : undefined;
  if (instance !== undefined) {
    return deployed({ node: instance.source }, context) ?? `${instance.source.logicalId} is not deployed`;
  }
  if (flow.from.kind === 'workload') {
    const tasks = context.tasks;
    if (typeof tasks === 'string') return tasks;
    const zone = trace.availabilityZone ?? [...tasks.eniByAz.keys()][0];
    const eni = zone === undefined ? undefined : tasks.eniByAz.get(zone);
    if (eni === undefined)
      return `no running task of ${tasks.service.source.logicalId} in ${zone ?? 'any AZ'}`;
    return { id: eni, account: tasks.clients.context.account, text: `${eni} (task in ${zone})` };
  }
  if (
    flow.to.kind === 'entry' &&
    context.model.restApis.some((api) =>
      api.stages.some((stage) => stage.id === (flow.to as { id: string }).id),
    )
  ) {
    return 'an API Gateway stage is neither a source nor a destination Reachability Analyzer accepts; the HTTP check covers this flow';
  }
  const gateway = internetGateway(row, context);
  if (gateway === undefined) return 'no deployed internet gateway to start the path from';
  return gateway;
}

/** The gateway the trace enters by, else the one of the public entry's VPC, else any deployed one. */
function internetGateway(row: FlowRow, context: PathContext): End | undefined {
  const first = row.trace.hops[0];
  const candidates = [
    ...(first?.kind === 'internet gateway' ? [first.node] : []),
    ...context.model.internetGateways.map((gateway) => gateway.source),
  ];
  for (const source of candidates) {
    const id = context.deployment.physicalId(`${source.stack}/${source.logicalId}`);
    if (id !== undefined) {
      return {
        id,
        account: context.deployment.clientsOf(source.stack).context.account,
        text: `${id} (${source.logicalId})`,
      };
    }
  }
  return undefined;
}

function sourceStackOf(row: FlowRow, context: PathContext): string | undefined {
  const instance = row.flow.from.kind === 'workload' ? instanceOf(context, row.flow.from.id) : undefined;
  if (instance !== undefined) return instance.source.stack;
  if (row.flow.from.kind === 'workload')
    return typeof context.tasks === 'string' ? undefined : context.tasks.service.source.stack;
  const gateway =
    row.trace.hops[0]?.kind === 'internet gateway'
      ? row.trace.hops[0].node
      : context.model.internetGateways[0]?.source;
  return gateway?.stack;
}

async function destinationOf(row: FlowRow, context: PathContext): Promise<End | string> {
  const to = row.flow.to;
  const last = row.trace.hops.at(-1);
  switch (to.kind) {
    case 'host': {
      const ip = to.address ?? (await context.resolve(to.hostname));
      return ip === undefined
        ? `${to.hostname} does not resolve from here`
        : { ip, text: `${to.hostname} (${ip})` };
    }
    case 'address':
    case 'internet':
      return to.address === undefined
        ? 'the flow has no destination address'
        : { ip: to.address, text: to.address };
    case 'aws-service': {
      if (last !== undefined && (last.kind === 'interface endpoint' || last.kind === 'gateway endpoint')) {
        return deployed(last, context) ?? `${last.node.logicalId} is not deployed`;
      }
      const tasks = context.tasks;
      const account = typeof tasks === 'string' ? '' : tasks.clients.context.account;
      const host = awsServiceHost(to.service, context.region, account);
      const ip = host === undefined ? undefined : await context.resolve(host);
      return ip === undefined || host === undefined
        ? `the public endpoint of ${to.service} does not resolve from here`
        : { ip, text: `${host} (${ip})` };
    }
    case 'workload':
    case 'entry': {
      // The path ends where Moat's trace ends: the task or the instance behind the load balancers, or the entry.
      if (last?.kind === 'instance ENI')
        return deployed(last, context) ?? `${last.node.logicalId} is not deployed`;
      const tasks = context.tasks;
      if (last?.kind === 'task ENI' && typeof tasks !== 'string') {
        const zone = last.availabilityZone ?? [...tasks.eniByAz.keys()][0];
        const eni = zone === undefined ? undefined : tasks.eniByAz.get(zone);
        return eni === undefined
          ? `no running task in ${zone ?? 'any AZ'}`
          : { id: eni, account: tasks.clients.context.account, text: `${eni} (task in ${zone})` };
      }
      const instance = to.kind === 'workload' ? instanceOf(context, to.id) : undefined;
      if (instance !== undefined)
        return deployed({ node: instance.source }, context) ?? `${instance.source.logicalId} is not deployed`;
      if (to.kind === 'workload') {
        if (typeof tasks === 'string') return tasks;
        const [zone, eni] = [...tasks.eniByAz.entries()][0] ?? [];
        return eni === undefined
          ? 'no running task'
          : { id: eni, account: tasks.clients.context.account, text: `${eni} (task in ${zone})` };
      }
      return "a load balancer is not a destination Reachability Analyzer accepts, and Moat's trace ends at it";
    }
    case 'subnet':
    case 'vpc-endpoint':
      // Moat's own plan checks flows from its task; a subnet or endpoint is an end only a user's trace names.
      return `a ${to.kind} is not a destination moat confirm checks`;
  }
}

function deployed(hop: Pick<Hop, 'node'>, context: PathContext): End | undefined {
  const id = context.deployment.physicalId(`${hop.node.stack}/${hop.node.logicalId}`);
  return id === undefined
    ? undefined
    : {
        id,
        account: context.deployment.clientsOf(hop.node.stack).context.account,
        text: `${id} (${hop.node.logicalId})`,
      };
}
