import { formatIpv4, isPrivateRange, parseCidr } from '../../model/ip.js';
import type { Listener, LoadBalancer, NetworkModel } from '../../model/types.js';
import { sampleRequest } from '../trace/http/api-request.js';
import { sampleHttpRequest } from '../trace/http/http-api-routes.js';
import type { Endpoint, ExpectedFlow, Flow, HttpRequest } from '../types.js';

/**
 * The flows through a network's entry points, which its own templates declare: each public REST API stage, each
 * stage of an HTTP API with a private (VPC link) integration, and each internet-facing load balancer must let a
 * client on the internet through (ingress), and each internal ALB must have no way in from the internet
 * (direct-to-alb). An API stage's flow carries the request of its first (privately) integrated method or route; an
 * ALB's, with the service's routes, a GET of the first route.
 */
export function entryFlows(
  model: NetworkModel,
  serviceRoutes?: readonly string[],
): { readonly ingress: ExpectedFlow[]; readonly closed: ExpectedFlow[] } {
  const judged = serviceRoutes === undefined ? {} : { serviceRoutes };
  const withRequest = (request: HttpRequest | undefined): Partial<Flow> => ({
    ...(request === undefined ? {} : { http: request }),
    ...judged,
  });
  const firstRoute = serviceRoutes?.[0];
  const flows: ExpectedFlow[] = [];
  for (const api of model.restApis) {
    if (api.endpointType === 'PRIVATE') continue;
    for (const stage of api.stages) {
      flows.push({
        name: 'ingress',
        flow: {
          from: { kind: 'internet' },
          to: { kind: 'entry', id: stage.id },
          protocol: 'tcp',
          port: 443,
          ...withRequest(sampleRequest(stage, api.integrations)),
        },
        expected: 'ACCEPTED',
      });
    }
  }
  for (const api of model.httpApis) {
    const integratesPrivately = api.routes.some(
      (route) => route.integration.known && route.integration.value.vpcLinkId !== undefined,
    );
    if (!integratesPrivately) continue;
    for (const stage of api.stages) {
      flows.push({
        name: 'ingress',
        flow: {
          from: { kind: 'internet' },
          to: { kind: 'entry', id: stage.id },
          protocol: 'tcp',
          port: 443,
          ...withRequest(sampleHttpRequest(stage, api.routes)),
        },
        expected: 'ACCEPTED',
      });
    }
  }
  for (const balancer of model.loadBalancers) {
    const listener = balancer.listeners.find(forwards);
    if (balancer.scheme !== 'internet-facing' || listener === undefined) continue;
    const client = internetClient(model, balancer, listener.port);
    if (client === undefined) continue;
    const request =
      balancer.kind === 'application' && firstRoute !== undefined
        ? { method: 'GET', path: firstRoute }
        : undefined;
    flows.push({
      name: 'ingress',
      flow: {
        from: client,
        to: { kind: 'entry', id: balancer.id },
        protocol: 'tcp',
        port: listener.port,
        ...withRequest(request),
      },
      expected: 'ACCEPTED',
    });
  }
  const closed: ExpectedFlow[] = [];
  for (const balancer of model.loadBalancers) {
    if (balancer.kind !== 'application' || balancer.scheme !== 'internal') continue;
    closed.push({
      name: 'direct-to-alb',
      flow: {
        from: { kind: 'internet' },
        to: { kind: 'entry', id: balancer.id },
        protocol: 'tcp',
        port: balancer.listeners[0]?.port ?? 80,
      },
      expected: 'NOT_REACHABLE_FROM_INTERNET',
    });
  }
  return { ingress: flows, closed };
}

/**
 * A listener that forwards some request to a target group: an HTTP listener that only redirects to HTTPS is not a
 * way in, and judging it would expect what the design does not mean.
 */
const forwards = (listener: Listener): boolean =>
  [...listener.defaultActions, ...listener.rules.flatMap((rule) => rule.actions)].some(
    (action) => action.kind === 'forward',
  );

/**
 * Who on the internet the load balancer's security groups admit on the port: anyone (a rule open to 0.0.0.0/0, or
 * no security group), else the first address of the first public CIDR a rule admits (a design that lets in only
 * its clients' range); none when only private ranges, prefix lists or security groups are admitted.
 */
function internetClient(
  model: NetworkModel,
  balancer: LoadBalancer,
  port: number,
): Extract<Endpoint, { kind: 'internet' }> | undefined {
  const appliesGroups = balancer.kind === 'application' || balancer.securityGroupIds.length > 0;
  if (!appliesGroups) return { kind: 'internet' };
  const groups = balancer.securityGroupIds.map((id) =>
    id.known ? model.securityGroups.find((group) => group.id === id.value) : undefined,
  );
  if (groups.some((group) => group === undefined)) return { kind: 'internet' };
  const cidrs = groups.flatMap((group) =>
    (group?.rules ?? []).flatMap((rule) =>
      rule.direction === 'ingress' &&
      (rule.protocol === 'all' ||
        (rule.protocol === 'tcp' && rule.fromPort <= port && rule.toPort >= port)) &&
      rule.peer.kind === 'cidr' &&
      rule.peer.cidr.known
        ? (parseCidr(rule.peer.cidr.value) ?? [])
        : [],
    ),
  );
  if (cidrs.some((cidr) => cidr.prefixLength === 0)) return { kind: 'internet' };
  const admitted = cidrs.find((cidr) => !isPrivateRange(cidr));
  return admitted === undefined ? undefined : { kind: 'internet', address: formatIpv4(admitted.first) };
}
