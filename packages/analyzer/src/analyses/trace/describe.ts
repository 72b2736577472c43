import type { Endpoint, Flow } from '../types.js';

/** `from → to:port/protocol`, naming each end with `nameOf` (by default, as traces name them). */
export function describeFlow(flow: Flow, nameOf: (endpoint: Endpoint) => string = describeEndpoint): string {
  return `${nameOf(flow.from)} → ${nameOf(flow.to)}:${flow.port}/${flow.protocol}`;
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
      return endpoint.id.split('/').pop() ?? endpoint.id;
    case 'aws-service':
      return endpoint.service;
  }
}
