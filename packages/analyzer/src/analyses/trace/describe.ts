import type { Endpoint, Flow } from '../types.js';

/** `from → to:port/protocol` and the HTTP request if any, naming each end with `nameOf` (by default, as traces name them). */
export function describeFlow(flow: Flow, nameOf: (endpoint: Endpoint) => string = describeEndpoint): string {
  const request = flow.http === undefined ? '' : ` ${flow.http.method} ${flow.http.path}`;
  return `${nameOf(flow.from)} → ${nameOf(flow.to)}:${flow.port}/${flow.protocol}${request}`;
}

export function describeEndpoint(endpoint: Endpoint): string {
  switch (endpoint.kind) {
    case 'internet':
      return endpoint.address ?? 'internet';
    case 'host':
      return endpoint.hostname;
    case 'address':
      return endpoint.address;
    case 'workload':
    case 'entry':
    case 'subnet':
    case 'vpc-endpoint':
      return endpoint.id.split('/').pop() ?? endpoint.id;
    case 'aws-service':
      return endpoint.service;
  }
}
