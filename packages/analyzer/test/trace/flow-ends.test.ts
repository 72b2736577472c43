import { describe, expect, it } from 'vitest';
import { type Endpoint, type NetworkModel, resolveEndpoint, traceFlow } from '../../src/index.js';
import { modelOf, readHops } from './read-hops.js';

const endpoint = (model: NetworkModel, text: string): Endpoint => {
  const resolved = resolveEndpoint(model, text);
  if (!resolved.known) throw new Error(resolved.reason);
  return resolved.value;
};

const trace = (model: NetworkModel, from: string, to: string, port = 443) =>
  traceFlow(model, { from: endpoint(model, from), to: endpoint(model, to), protocol: 'tcp', port });

describe('flows from and to what anyone can name', () => {
  const model = modelOf('nat-egress');

  it('starts a flow from a subnet at its route table, with no security group of its own', () => {
    const result = trace(model, 'PrivateA', 'api.binance.com');
    expect(result.disposition).toBe('ACCEPTED');
    expect(readHops(result.hops)).toEqual([
      'subnet PrivateA eu-central-1a: route 0.0.0.0/0 → nat NatA (PrivateRouteTableA)',
      'nat gateway NatA eu-central-1a: source NAT to its Elastic IP',
      'subnet PublicA eu-central-1a: route 0.0.0.0/0 → igw Igw (PublicRouteTable)',
      'internet gateway Igw: forward → internet',
    ]);
    expect(readHops(result.returnHops).at(-1)).toBe('subnet PrivateA eu-central-1a: ');
    expect(result.assumptions).toEqual([
      'no security group filters an interface in PrivateA: the flow names a subnet or an address, not a resource',
    ]);
  });

  it('starts a flow from a private IP in the subnet that holds it; without its NAT route it has none', () => {
    expect(trace(model, '10.0.3.7', '1.2.3.4').hops[0]?.node.logicalId).toBe('PrivateB');
    const withoutNatRoute: NetworkModel = {
      ...model,
      routeTables: model.routeTables.map((table) =>
        table.source.logicalId === 'PrivateRouteTableB' ? { ...table, routes: [] } : table,
      ),
    };
    const broken = trace(withoutNatRoute, '10.0.3.7', '1.2.3.4');
    expect(broken.disposition).toBe('NO_ROUTE');
    expect(broken.reason).toBe('route table PrivateRouteTableB of PrivateB has no route to 1.2.3.4');
  });

  it("starts a flow at a load balancer's node, with its security groups", () => {
    const result = trace(model, 'Alb', 'PriceService', 8080);
    expect(result.disposition).toBe('ACCEPTED');
    expect(readHops(result.hops)).toEqual([
      'load balancer Alb eu-central-1a: sg egress egress 10.0.0.0/16:8080/tcp (AlbSecurityGroup)',
      'subnet PublicA eu-central-1a: route 10.0.0.0/16 → local (PublicRouteTable)',
      'task ENI PriceService eu-central-1a: sg ingress ingress sg AlbSecurityGroup:8080/tcp (TaskSecurityGroup)',
    ]);
    expect(trace(model, 'Alb', 'PriceService', 9090).disposition).toBe('DENIED_BY_SECURITY_GROUP');
  });

  it("reaches a subnet from another, and a load balancer's security group judges a subnet as its peer", () => {
    expect(trace(model, 'PrivateA', 'PrivateB').disposition).toBe('ACCEPTED');
    const open = trace(model, '10.0.3.0/24', 'Alb', 80);
    expect(open.disposition).toBe('ACCEPTED');
    expect(open.hops.at(-1)?.node.logicalId).toBe('PriceService');
    const closed = trace(model, '10.0.3.0/24', 'Alb', 443);
    expect(closed.disposition).toBe('DENIED_BY_SECURITY_GROUP');
    expect(closed.reason).toBe(
      'security group AlbSecurityGroup of Alb allows no ingress tcp/443 from an interface in PrivateB',
    );
  });

  it('reaches an interface endpoint named by its logical ID, and explains what cannot be a source', () => {
    const isolated = modelOf('interface-endpoint');
    const result = trace(isolated, 'PriceService', 'LogsEndpoint');
    expect(result.disposition).toBe('ACCEPTED');
    expect(result.hops.at(-1)?.node.logicalId).toBe('LogsEndpoint');
    const fromService = trace(isolated, 'S3Endpoint', 'PriceService');
    expect(fromService.disposition).toBe('UNKNOWN');
    expect(fromService.reason).toBe('Moat traces flows to an AWS service (s3), not from one');
  });
});
