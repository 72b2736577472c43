import { describe, expect, it } from 'vitest';
import { buildModel, type Flow, loadAssembly, traceFlow } from '../../src/index.js';
import { mutate } from '../mutations/support/template-edits.js';
import { fixture, readHops } from './read-hops.js';

/** Inbound and outbound traffic of a public subnet inspected by appliances behind a Gateway Load Balancer. */
const assembly = loadAssembly(fixture('gateway-load-balancer'));
const model = buildModel(assembly);
const web = { kind: 'workload', id: 'Network/Web' } as const;
const ingress = (port: number): Flow => ({ from: { kind: 'internet' }, to: web, protocol: 'tcp', port });
const egress: Flow = { from: web, to: { kind: 'host', hostname: 'example.com' }, protocol: 'tcp', port: 443 };
const APPLIANCES =
  'the appliances behind Gateway Load Balancer endpoint InspectionEndpoint decide whether the flow passes (both ways), and Moat cannot inspect them';

describe('a Gateway Load Balancer endpoint', () => {
  it('reads a VpcEndpointId route to an endpoint of type GatewayLoadBalancer as a route to it', () => {
    const table = model.routeTables.find((candidate) => candidate.source.logicalId === 'PublicRouteTable');
    expect(table?.routes.at(-1)?.target).toEqual({
      kind: 'gateway-load-balancer-endpoint',
      id: 'Network/InspectionEndpoint',
    });
  });

  it('passes the packet on with its addresses, but leaves a flow that would be accepted UNKNOWN', () => {
    const trace = traceFlow(model, ingress(80));
    expect(trace.disposition).toBe('UNKNOWN');
    expect(trace.unknownReason).toBe(APPLIANCES);
    expect(readHops(trace.hops)).toEqual([
      'internet gateway Igw: forward internet → public IP of Web; route 10.3.1.0/24 → gwlb endpoint InspectionEndpoint (IngressRouteTable)',
      'gwlb endpoint InspectionEndpoint eu-central-1a: endpoint in eu-central-1a; appliance the appliances behind the Gateway Load Balancer decide (not inspected)',
      'subnet ApplianceA eu-central-1a: route 10.3.0.0/16 → local (ApplianceRouteTable)',
      'instance ENI Web eu-central-1a: sg ingress ingress 0.0.0.0/0:80/tcp (WebSecurityGroup)',
    ]);
    expect(readHops(trace.returnHops)).toEqual([
      'instance ENI Web eu-central-1a: reply → internet',
      'subnet PublicA eu-central-1a: route 0.0.0.0/0 → gwlb endpoint InspectionEndpoint (PublicRouteTable)',
      'gwlb endpoint InspectionEndpoint eu-central-1a: endpoint in eu-central-1a; appliance the appliances behind the Gateway Load Balancer decide (not inspected)',
      'subnet ApplianceA eu-central-1a: route 0.0.0.0/0 → igw Igw (ApplianceRouteTable)',
      'internet gateway Igw: forward → internet',
    ]);
  });

  it('keeps the instance’s public IP as the source the internet gateway translates', () => {
    const trace = traceFlow(model, egress);
    expect(trace.disposition).toBe('UNKNOWN');
    expect(readHops(trace.hops).at(-1)).toBe('internet gateway Igw: forward → internet');
    expect(readHops(trace.returnHops)[0]).toBe(
      'internet gateway Igw: reply internet → public IP of Web; route 10.3.1.0/24 → gwlb endpoint InspectionEndpoint (IngressRouteTable)',
    );
  });

  it('still fails a flow that fails whatever the appliances decide', () => {
    const denied = traceFlow(model, ingress(22));
    expect(denied.disposition).toBe('DENIED_BY_SECURITY_GROUP');
    const unrouted = traceFlow(
      buildModel(mutate(assembly, (t) => t.delete('ApplianceDefaultRoute'))),
      egress,
    );
    expect(unrouted.disposition).toBe('NO_ROUTE');
    expect(unrouted.reason).toBe('route table ApplianceRouteTable of ApplianceA has no route to example.com');
  });
});
