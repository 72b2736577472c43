import { describe, expect, it } from 'vitest';
import { traceFlow, traceFlowInEachAz } from '../../src/index.js';
import { modelOf, readHops } from './read-hops.js';

const model = modelOf('nat-egress');
const task = { kind: 'workload', id: 'Network/PriceService' } as const;
const binance = { kind: 'host', hostname: 'api.binance.com' } as const;

describe('NAT egress', () => {
  it('leaves through the NAT gateway of the task AZ and returns through it', () => {
    const trace = traceFlow(model, {
      from: { ...task, availabilityZone: 'eu-central-1a' },
      to: binance,
      protocol: 'tcp',
      port: 443,
    });
    expect(trace.disposition).toBe('ACCEPTED');
    expect(trace.availabilityZone).toBe('eu-central-1a');
    expect(readHops(trace.hops)).toEqual([
      'task ENI PriceService eu-central-1a: sg egress egress 0.0.0.0/0:443/tcp (TaskSecurityGroup)',
      'subnet PrivateA eu-central-1a: route 0.0.0.0/0 → nat NatA (PrivateRouteTableA)',
      'nat gateway NatA eu-central-1a: source NAT to its Elastic IP',
      'subnet PublicA eu-central-1a: route 0.0.0.0/0 → igw Igw (PublicRouteTable)',
      'internet gateway Igw: forward → internet',
    ]);
    expect(readHops(trace.returnHops)).toEqual([
      'internet gateway Igw: reply internet → Elastic IP of NatA',
      'nat gateway NatA eu-central-1a: reverse NAT → PriceService (in PrivateA)',
      'subnet PublicA eu-central-1a: route 10.0.0.0/16 → local (PublicRouteTable)',
      'task ENI PriceService eu-central-1a: stateful reply of an allowed connection (security groups are stateful)',
    ]);
  });

  it('traces a service from each AZ its subnets span, each through its own NAT gateway', () => {
    const traces = traceFlowInEachAz(model, { from: task, to: binance, protocol: 'tcp', port: 443 });
    expect(
      traces.map((trace) => [trace.availabilityZone, trace.disposition, trace.hops[2]?.node.logicalId]),
    ).toEqual([
      ['eu-central-1a', 'ACCEPTED', 'NatA'],
      ['eu-central-1b', 'ACCEPTED', 'NatB'],
    ]);
  });

  it('carries ingress from the internet through the ALB to the task and the reply back out', () => {
    const trace = traceFlow(model, {
      from: { kind: 'internet' },
      to: { kind: 'entry', id: 'Network/Alb' },
      protocol: 'tcp',
      port: 80,
    });
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)).toEqual([
      'internet gateway Igw: forward internet → public IP of Alb',
      'load balancer Alb eu-central-1a: sg ingress ingress 0.0.0.0/0:80/tcp (AlbSecurityGroup); forward listener :80/HTTP → AlbTg → PriceService:8080 in eu-central-1a; sg egress egress 10.0.0.0/16:8080/tcp (AlbSecurityGroup)',
      'subnet PublicA eu-central-1a: route 10.0.0.0/16 → local (PublicRouteTable)',
      'task ENI PriceService eu-central-1a: sg ingress ingress sg AlbSecurityGroup:8080/tcp (TaskSecurityGroup)',
    ]);
    expect(readHops(trace.returnHops)).toEqual([
      'task ENI PriceService eu-central-1a: reply → Alb (in PublicA)',
      'subnet PrivateA eu-central-1a: route 10.0.0.0/16 → local (PrivateRouteTableA)',
      'load balancer Alb eu-central-1a: stateful reply of an allowed connection (security groups are stateful); reply → internet',
      'subnet PublicA eu-central-1a: route 0.0.0.0/0 → igw Igw (PublicRouteTable)',
      'internet gateway Igw: forward → internet',
    ]);
  });

  it('does not reach a private task from the internet', () => {
    const trace = traceFlow(model, { from: { kind: 'internet' }, to: task, protocol: 'tcp', port: 8080 });
    expect(trace.disposition).toBe('NOT_REACHABLE_FROM_INTERNET');
    expect(trace.reason).toBe('PriceService has no public IP: its address is private (in PrivateA)');
    expect(trace.hops).toEqual([]);
  });

  it('denies ingress on a port the ALB security group does not open', () => {
    const trace = traceFlow(model, {
      from: { kind: 'internet' },
      to: { kind: 'entry', id: 'Network/Alb' },
      protocol: 'tcp',
      port: 8443,
    });
    expect(trace.disposition).toBe('DENIED_BY_SECURITY_GROUP');
    expect(trace.reason).toBe(
      'security group AlbSecurityGroup of Alb allows no ingress tcp/8443 from internet',
    );
  });

  it('traces ingress through each AZ node of the load balancer', () => {
    const traces = traceFlowInEachAz(model, {
      from: { kind: 'internet' },
      to: { kind: 'entry', id: 'Network/Alb' },
      protocol: 'tcp',
      port: 80,
    });
    expect(
      traces.map((trace) => [
        trace.disposition,
        trace.hops[1]?.availabilityZone,
        trace.hops.at(-1)?.availabilityZone,
      ]),
    ).toEqual([
      ['ACCEPTED', 'eu-central-1a', 'eu-central-1a'],
      ['ACCEPTED', 'eu-central-1b', 'eu-central-1b'],
    ]);
  });
});
