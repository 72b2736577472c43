import { describe, expect, it } from 'vitest';
import { traceFlow } from '../../src/index.js';
import { modelOf, readHops } from './read-hops.js';

const from = { kind: 'workload', id: 'Isolated/PriceService', availabilityZone: 'eu-central-1a' } as const;
const toService = (service: string) =>
  ({ from, to: { kind: 'aws-service', service } as const, protocol: 'tcp', port: 443 }) as const;

describe('VPC endpoints', () => {
  const model = modelOf('interface-endpoint');

  it('reaches ECR through the interface endpoint that private DNS puts in the VPC', () => {
    const trace = traceFlow(model, toService('ecr.api'));
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)).toEqual([
      'task ENI PriceService eu-central-1a: sg egress egress 0.0.0.0/0:443/tcp (TaskSecurityGroup)',
      'subnet PrivateA eu-central-1a: route 10.0.0.0/16 → local (PrivateRouteTable)',
      'interface endpoint EcrApiEndpoint eu-central-1a: sg ingress ingress 10.0.0.0/16:443/tcp (EndpointSecurityGroup)',
    ]);
    expect(readHops(trace.returnHops)).toEqual([
      'interface endpoint EcrApiEndpoint eu-central-1a: reply → PriceService (in PrivateA)',
      'subnet PrivateA eu-central-1a: route 10.0.0.0/16 → local (PrivateRouteTable)',
      'task ENI PriceService eu-central-1a: stateful reply of an allowed connection (security groups are stateful)',
    ]);
  });

  it('reaches S3 through the gateway endpoint route of the subnet', () => {
    const trace = traceFlow(model, toService('s3'));
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)).toEqual([
      'task ENI PriceService eu-central-1a: sg egress egress 0.0.0.0/0:443/tcp (TaskSecurityGroup)',
      'subnet PrivateA eu-central-1a: route prefix list of s3 → gateway endpoint S3Endpoint (PrivateRouteTable)',
      'gateway endpoint S3Endpoint: forward → s3 (AWS network)',
    ]);
  });

  it('finds no route to a service whose endpoint has private DNS off', () => {
    const trace = traceFlow(model, toService('logs'));
    expect(trace.disposition).toBe('NO_ROUTE');
    expect(trace.reason).toBe(
      'route table PrivateRouteTable of PrivateA has no route to logs (public endpoint)',
    );
  });
});

describe('unresolvable input', () => {
  const model = modelOf('unresolvable');

  it('marks a value that only exists at deploy time as unknown, with the reason', () => {
    expect(model.subnets[0]?.availabilityZone).toEqual({
      known: false,
      reason:
        'PrivateA.AvailabilityZone: a plain template folder does not say which region a stack is deployed to (give it with --region)',
    });
    const peer = model.securityGroups[0]?.rules.find((rule) => rule.direction === 'ingress')?.peer;
    expect(peer).toEqual({
      kind: 'security-group',
      id: { known: false, reason: "no stack of the assembly exports 'Platform-LoadBalancerSecurityGroup'" },
    });
  });

  it('gives an UNKNOWN verdict that names the input it depends on', () => {
    const trace = traceFlow(model, {
      from: { kind: 'workload', id: 'Workload/PriceService' },
      to: { kind: 'host', hostname: 'api.binance.com' },
      protocol: 'tcp',
      port: 443,
    });
    expect(trace.disposition).toBe('UNKNOWN');
    expect(trace.unknownReason).toBe(
      "NatGatewayId: parameter 'SharedNatGatewayId' of Workload has no value and no Default: give one with --parameters Workload:SharedNatGatewayId=VALUE",
    );
    expect(readHops(trace.hops)).toEqual([
      'task ENI PriceService: sg egress egress 0.0.0.0/0:443/tcp (TaskSecurityGroup)',
      'subnet PrivateA: route 0.0.0.0/0 → unknown target (PrivateRouteTable)',
    ]);
  });
});

describe('cross-stack references', () => {
  const model = modelOf('cross-stack');

  it('follows SSM parameters and ImportValue across the stacks and accounts of a nested assembly', () => {
    const trace = traceFlow(model, {
      from: { kind: 'workload', id: 'assembly-Prod/ProdNetwork/Probe' },
      to: { kind: 'workload', id: 'assembly-Prod/ProdWorkload/PriceService' },
      protocol: 'tcp',
      port: 8080,
    });
    expect(trace.disposition).toBe('ACCEPTED');
    // Both accounts place their subnet by the name eu-central-1a, which need not be one zone: each name carries its
    // account, and the transit gateway delivers to each attachment's only subnet, which needs no comparison.
    const network = 'eu-central-1a@111111111111';
    const workload = 'eu-central-1a@222222222222';
    const elsewhere = '(its only attachment subnet; its AZ and the source AZ do not compare)';
    expect(readHops(trace.hops)).toEqual([
      `instance ENI Probe ${network}: sg egress egress 0.0.0.0/0:all/all (ProbeSecurityGroup)`,
      `subnet IngressA ${network}: route 10.0.0.0/16 → tgw Tgw (IngressRouteTable)`,
      `tgw attachment IngressAttachment ${network}: enter transit gateway ENI in ${network}; route associated default route table of Tgw: 10.0.0.0/16 → Attachment (propagated); deliver Attachment ENI in ${workload} ${elsewhere}`,
      `subnet PrivateA ${workload}: route 10.0.0.0/16 → local (PrivateRouteTable)`,
      `task ENI PriceService ${workload}: sg ingress ingress 10.1.0.0/16:8080/tcp (TaskSecurityGroup)`,
    ]);
    expect(readHops(trace.returnHops)).toEqual([
      `task ENI PriceService ${workload}: reply → Probe (in IngressA)`,
      `subnet PrivateA ${workload}: route 0.0.0.0/0 → tgw Tgw (PrivateRouteTable)`,
      `tgw attachment Attachment ${workload}: enter transit gateway ENI in ${workload}; route associated default route table of Tgw: 10.1.0.0/16 → IngressAttachment (propagated); deliver IngressAttachment ENI in ${network} ${elsewhere}`,
      `subnet IngressA ${network}: route 10.1.0.0/16 → local (IngressRouteTable)`,
      `instance ENI Probe ${network}: stateful reply of an allowed connection (security groups are stateful)`,
    ]);
  });
});
