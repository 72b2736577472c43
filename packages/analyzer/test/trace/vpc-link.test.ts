import { describe, expect, it } from 'vitest';
import { traceFlow } from '../../src/index.js';
import { modelOf } from './read-hops.js';

describe("a REST API's VPC link V2", () => {
  it('opens the connection from its ENI in the AZ the flow names, to the ALB node there', () => {
    const trace = traceFlow(modelOf('api-vpc-link'), {
      from: { kind: 'internet' },
      to: { kind: 'entry', id: 'Network/ApiStage', availabilityZone: 'eu-central-1b' },
      protocol: 'tcp',
      port: 443,
    });
    expect(trace.disposition).toBe('ACCEPTED');
    expect(
      trace.hops.slice(1, 4).map((hop) => `${hop.kind} ${hop.node.logicalId} ${hop.availabilityZone}`),
    ).toEqual([
      'vpc link VpcLink eu-central-1b',
      'subnet PrivateB eu-central-1b',
      'load balancer Alb eu-central-1b',
    ]);
  });
});
