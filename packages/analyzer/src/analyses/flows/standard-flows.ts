import { passedHostnames } from '../../model/suricata/hostnames.js';
import type { ElementId, NetworkModel } from '../../model/types.js';
import { sampleRequest } from '../trace/http/api-request.js';
import type { Endpoint, ExpectedFlow, Flow, HttpRequest } from '../types.js';

/** Where the SPEC's egress-allowed flow goes when no firewall lists domains. */
export const DEFAULT_ALLOWED_HOST = 'api.binance.com';
const DENIED_CANDIDATES = ['example.com', 'example.org', 'example.net'];
/** What a Fargate task needs without the internet (SPEC "Facts"): the `ecs*` endpoints are not needed. */
export const FARGATE_SERVICES = ['ecr.api', 'ecr.dkr', 's3', 'logs'] as const;

export interface StandardFlowOptions {
  /**
   * The paths the service answers (Moat's config `service.routes`). The ingress flow then carries an HTTP request
   * (the API's own method through an API stage, else a GET of the first route) and the service's routes judge
   * the path it arrives with.
   */
  readonly serviceRoutes?: readonly string[];
}

/**
 * The flows of SPEC.md that apply to this model, each with the disposition the model should give it:
 * ingress through the public entry, egress to an allowed and a denied host, AWS services, and the ways in
 * that must stay closed. The return path of each accepted flow is part of its trace. An ingress flow through an
 * API stage carries the request of the API's first integrated method (`GET /prod/price`).
 */
export function standardFlows(
  model: NetworkModel,
  options: StandardFlowOptions = {},
): readonly ExpectedFlow[] {
  const service = model.ecsServices[0];
  const instance = model.instances[0];
  const workload = service ?? instance;
  if (workload === undefined) return [];
  const task: Endpoint = { kind: 'workload', id: workload.id };
  const workloadPort = service?.containerPorts[0] ?? 80;
  const tcp = (from: Endpoint, to: Endpoint, port: number): Flow => ({ from, to, protocol: 'tcp', port });
  const flows: ExpectedFlow[] = [];

  const publicApi = model.restApis.find((api) => api.endpointType !== 'PRIVATE' && api.stages.length > 0);
  const albs = model.loadBalancers.filter((balancer) => balancer.kind === 'application');
  const publicAlb = albs.find((balancer) => balancer.scheme === 'internet-facing');
  const stage = publicApi?.stages[0];
  const publicWorkload =
    (service?.assignPublicIp ?? false) || (service === undefined && (instance?.publicIp ?? false));
  const { serviceRoutes } = options;
  const firstRoute = serviceRoutes?.[0];
  const http = (request: HttpRequest | undefined): Partial<Flow> => ({
    ...(request !== undefined ? { http: request } : {}),
    ...(serviceRoutes !== undefined ? { serviceRoutes } : {}),
  });
  const routeRequest = firstRoute === undefined ? undefined : { method: 'GET', path: firstRoute };
  if (stage !== undefined && publicApi !== undefined) {
    flows.push({
      name: 'ingress',
      flow: {
        ...tcp({ kind: 'internet' }, { kind: 'entry', id: stage.id }, 443),
        ...http(sampleRequest(stage, publicApi.integrations)),
      },
      expected: 'ACCEPTED',
    });
  } else if (publicAlb !== undefined) {
    const port = publicAlb.listeners[0]?.port ?? 80;
    flows.push({
      name: 'ingress',
      flow: {
        ...tcp({ kind: 'internet' }, { kind: 'entry', id: publicAlb.id }, port),
        ...http(routeRequest),
      },
      expected: 'ACCEPTED',
    });
  } else if (publicWorkload) {
    flows.push({
      name: 'ingress',
      flow: tcp({ kind: 'internet' }, task, workloadPort),
      expected: 'ACCEPTED',
    });
  }

  const passDomains = firewallPassDomains(model);
  const allowedHost = passDomains[0] ?? DEFAULT_ALLOWED_HOST;
  flows.push({
    name: 'egress-allowed',
    flow: tcp(task, { kind: 'host', hostname: allowedHost }, 443),
    expected: 'ACCEPTED',
  });
  if (model.firewalls.length > 0) {
    const denied =
      DENIED_CANDIDATES.find((host) => !passDomains.some((domain) => domain === host)) ?? 'example.com';
    flows.push({
      name: 'egress-denied',
      flow: tcp(task, { kind: 'host', hostname: denied }, 443),
      expected: 'DROPPED_BY_FIREWALL',
    });
  }

  const viaEndpoints = hasVpcEndpoints(model, workloadVpc(model, workload.id));
  for (const awsService of FARGATE_SERVICES) {
    flows.push({
      name: 'aws-services',
      flow: tcp(task, { kind: 'aws-service', service: awsService }, 443),
      expected: 'ACCEPTED',
      ...(viaEndpoints ? { via: 'vpc-endpoint' as const } : {}),
    });
  }

  if (!publicWorkload) {
    flows.push({
      name: 'direct-to-task',
      flow: tcp({ kind: 'internet' }, task, workloadPort),
      expected: 'NOT_REACHABLE_FROM_INTERNET',
    });
  }
  const alb =
    albs.find((balancer) => balancer.scheme === 'internal') ?? (stage !== undefined ? publicAlb : undefined);
  if (alb !== undefined) {
    const port = alb.listeners[0]?.port ?? 80;
    flows.push({
      name: 'direct-to-alb',
      flow: tcp({ kind: 'internet' }, { kind: 'entry', id: alb.id }, port),
      expected: 'NOT_REACHABLE_FROM_INTERNET',
    });
  }
  return flows;
}

/** Host names a firewall passes, in rule order: `.example.com` stands for `example.com`. */
function firewallPassDomains(model: NetworkModel): string[] {
  return model.firewallRuleGroups.flatMap((group) =>
    group.kind === 'STATEFUL'
      ? group.rules.flatMap((rule) => (rule.rule.known ? passedHostnames(rule.rule.value) : []))
      : [],
  );
}

function workloadVpc(model: NetworkModel, id: ElementId): ElementId | undefined {
  const subnetId =
    model.ecsServices.find((service) => service.id === id)?.subnetIds[0] ??
    model.instances.find((instance) => instance.id === id)?.subnetId;
  return model.subnets.find((subnet) => subnet.id === subnetId)?.vpcId;
}

const hasVpcEndpoints = (model: NetworkModel, vpcId: ElementId | undefined): boolean =>
  vpcId !== undefined && model.vpcEndpoints.some((endpoint) => endpoint.vpcId === vpcId);
