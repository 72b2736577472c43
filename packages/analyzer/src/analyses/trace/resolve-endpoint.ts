import { parseCidr, parseIpv4 } from '../../model/ip.js';
import { known, type NetworkModel, type Resolved, unknown } from '../../model/types.js';
import { displayName } from '../names.js';
import type { Endpoint } from '../types.js';
import { elementsNamed, namedEndpoints } from './endpoint-names.js';

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** What `--from`/`--to` accept, for error messages. */
export const ENDPOINT_FORMS =
  'internet, task (the first ECS service or instance), alb (the internet-facing ALB), api (the public API stage), a domain name (api.binance.com), an IPv4 address, a subnet by its CIDR, or a subnet, EC2 instance, ECS service, load balancer, API stage or VPC endpoint by logical ID or construct path';

/**
 * Turns what a user types into an endpoint of the model: the words `internet`, `task`, `api` and `alb`, an IPv4
 * address, a subnet's CIDR, an element by model id, logical ID, construct path (or the name Moat shows for it),
 * else a domain name. Text that names nothing, or several elements, is unknown with the reason.
 */
export function resolveEndpoint(model: NetworkModel, text: string): Resolved<Endpoint> {
  const value = text.trim();
  const lower = value.toLowerCase();
  if (lower === 'internet') return known({ kind: 'internet' });
  if (lower === 'task') {
    const workload = model.ecsServices[0] ?? model.instances[0];
    return workload
      ? known({ kind: 'workload', id: workload.id })
      : unknown(
          `'task' names the first ECS service or EC2 instance, and the model has none. Use ${ENDPOINT_FORMS}.`,
        );
  }
  if (lower === 'api') {
    const stage =
      model.restApis.find((api) => api.endpointType !== 'PRIVATE')?.stages[0] ??
      model.httpApis.find((api) => api.stages.length > 0)?.stages[0];
    return stage
      ? known({ kind: 'entry', id: stage.id })
      : unknown(
          `'api' names the first public REST or HTTP API stage, and the model has none. Use ${ENDPOINT_FORMS}.`,
        );
  }
  if (lower === 'alb') {
    const albs = model.loadBalancers.filter((balancer) => balancer.kind === 'application');
    const balancer = albs.find((candidate) => candidate.scheme === 'internet-facing') ?? albs[0];
    return balancer
      ? known({ kind: 'entry', id: balancer.id })
      : unknown(
          `'alb' names the first application load balancer, and the model has none. Use ${ENDPOINT_FORMS}.`,
        );
  }
  if (parseIpv4(value) !== undefined) return known({ kind: 'address', address: value });
  if (value.includes('/') && parseCidr(value) !== undefined) return subnetWithCidr(model, value);
  const matches = elementsNamed(namedEndpoints(model), value);
  const [first, ...others] = matches;
  if (first !== undefined && others.length === 0) {
    return typeof first.endpoint === 'string' ? unknown(first.endpoint) : known(first.endpoint);
  }
  if (first !== undefined) {
    const names = matches.map(
      (match) => `${displayName(match.source)} (${match.source.stack}/${match.source.logicalId})`,
    );
    return unknown(
      `'${value}' names ${matches.length} elements: ${names.join(', ')}. Give one of their ids.`,
    );
  }
  if (HOSTNAME.test(value)) return known({ kind: 'host', hostname: lower });
  return unknown(`'${value}' is not an endpoint Moat knows. Use ${ENDPOINT_FORMS}.`);
}

function subnetWithCidr(model: NetworkModel, cidr: string): Resolved<Endpoint> {
  const subnet = model.subnets.find((candidate) => candidate.cidr.known && candidate.cidr.value === cidr);
  return subnet
    ? known({ kind: 'subnet', id: subnet.id })
    : unknown(`no subnet of the model has the CIDR ${cidr}. Use ${ENDPOINT_FORMS}.`);
}

/** The names Moat shows for the elements a flow can start or end at, to suggest near matches. */
export function endpointNames(model: NetworkModel): string[] {
  return [
    ...new Set(namedEndpoints(model).flatMap((named) => [displayName(named.source), named.source.logicalId])),
  ];
}
