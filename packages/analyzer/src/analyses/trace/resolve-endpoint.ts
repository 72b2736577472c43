import { parseIpv4 } from '../../model/ip.js';
import { known, type NetworkModel, type Resolved, unknown } from '../../model/types.js';
import type { Endpoint } from '../types.js';

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/**
 * Turns what a user types (`task`, `internet`, `api`, `alb`, `api.binance.com`, `10.0.1.5`, an element id or
 * logical id) into an endpoint of the model; unknown text lists the choices.
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
          `'task' names the first ECS service or EC2 instance, and the model has none. ${choices(model)}`,
        );
  }
  if (lower === 'api') {
    const stage = model.restApis.find((api) => api.endpointType !== 'PRIVATE')?.stages[0];
    return stage
      ? known({ kind: 'entry', id: stage.id })
      : unknown(`the model has no public API stage. ${choices(model)}`);
  }
  if (lower === 'alb') {
    const albs = model.loadBalancers.filter((balancer) => balancer.kind === 'application');
    const balancer = albs.find((candidate) => candidate.scheme === 'internet-facing') ?? albs[0];
    return balancer
      ? known({ kind: 'entry', id: balancer.id })
      : unknown(`the model has no application load balancer. ${choices(model)}`);
  }
  if (parseIpv4(value) !== undefined) return known({ kind: 'address', address: value });
  const element = findElement(model, value);
  if (element !== undefined) return known(element);
  if (HOSTNAME.test(value)) return known({ kind: 'host', hostname: lower });
  return unknown(`'${text}' is not an endpoint Moat knows. ${choices(model)}`);
}

function findElement(model: NetworkModel, value: string): Endpoint | undefined {
  const matches = (element: { id: string; source: { logicalId: string } }): boolean =>
    element.id === value || element.source.logicalId === value;
  const workload = [...model.ecsServices, ...model.instances].find(matches);
  if (workload) return { kind: 'workload', id: workload.id };
  const entry = [...model.loadBalancers, ...model.restApis.flatMap((api) => api.stages)].find(matches);
  if (entry) return { kind: 'entry', id: entry.id };
  const endpoint = model.vpcEndpoints.find(matches);
  if (endpoint?.service.known) return { kind: 'aws-service', service: endpoint.service.value };
  return undefined;
}

function choices(model: NetworkModel): string {
  const ids = [...model.ecsServices, ...model.instances, ...model.loadBalancers].map(
    (element) => element.source.logicalId,
  );
  return `Use task, internet, api, alb, a host name (api.binance.com), an IPv4 address${ids.length > 0 ? `, or one of: ${ids.join(', ')}` : ''}.`;
}
