import { describe, expect, it } from 'vitest';
import {
  type Assembly,
  buildModel,
  type Flow,
  loadAssembly,
  type NetworkModel,
  traceFlow,
} from '../../src/index.js';
import { mutate, type Templates } from '../mutations/support/template-edits.js';
import { fixture, readHops } from './read-hops.js';

/**
 * The distributed firewall of AWS's multi-zone architecture (fixtures/distributed-firewall/README.md): each
 * customer subnet sends 0.0.0.0/0 to the firewall endpoint of its AZ, and the internet gateway's route table sends
 * that subnet's CIDR to the same endpoint.
 */
const assembly = loadAssembly(fixture('distributed-firewall'));
const model = buildModel(assembly);
const edited = (edit: (templates: Templates) => void, from: Assembly = assembly): NetworkModel =>
  buildModel(mutate(from, edit));

const webA = { kind: 'workload', id: 'Workload/WebA' } as const;
const webB = { kind: 'workload', id: 'Workload/WebB' } as const;
const egress = (port = 443): Flow => ({
  from: webA,
  to: { kind: 'host', hostname: 'example.com' },
  protocol: 'tcp',
  port,
});
const ingress = (port: number): Flow => ({ from: { kind: 'internet' }, to: webB, protocol: 'tcp', port });

const assumed = (route: string, zone: string): string =>
  `Firewall's endpoint in route ${route} is assumed to be in ${zone}: the route takes Firewall's endpoint by its position in EndpointIds, and AWS does not document the order of that list`;

describe('a firewall endpoint keeps the source address', () => {
  it('carries an instance with a public IP through its firewall endpoint to the internet, and the reply back through the edge route', () => {
    const trace = traceFlow(model, egress());
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)).toEqual([
      'instance ENI WebA eu-central-1a: sg egress egress 0.0.0.0/0:all/all (WebSecurityGroup)',
      'subnet PublicA eu-central-1a: route 0.0.0.0/0 → firewall endpoint eu-central-1a (assumed) (PublicRouteTableA)',
      'firewall Firewall eu-central-1a: endpoint in eu-central-1a (assumed); PASS SYN: rule sid 2 (pass tcp ANY ANY -> ANY 443 (sid:2;)) (WebRules) passes the connection',
      'subnet FirewallA eu-central-1a: route 0.0.0.0/0 → igw Igw (FirewallRouteTable)',
      'internet gateway Igw: forward → internet',
    ]);
    expect(readHops(trace.returnHops)).toEqual([
      'internet gateway Igw: reply internet → public IP of WebA; route 10.1.1.0/24 → firewall endpoint eu-central-1a (assumed) (IngressRouteTable)',
      'firewall Firewall eu-central-1a: endpoint in eu-central-1a (assumed); PASS established connection: the endpoint the request crossed (symmetric)',
      'subnet FirewallA eu-central-1a: route 10.1.0.0/16 → local (FirewallRouteTable)',
      'instance ENI WebA eu-central-1a: stateful reply of an allowed connection (security groups are stateful)',
    ]);
    expect(trace.assumptions).toEqual([
      assumed('PublicRouteA', 'eu-central-1a'),
      assumed('IngressRoutePublicA', 'eu-central-1a'),
    ]);
  });

  it('fails an instance without a public IP at the internet gateway, naming the instance and not the endpoint', () => {
    const trace = traceFlow(
      edited((t) => {
        t.properties('PublicA').MapPublicIpOnLaunch = false;
      }),
      egress(),
    );
    expect(trace.disposition).toBe('NO_ROUTE');
    expect(trace.reason).toBe(
      'WebA (in PublicA) has no public IP, so internet gateway Igw cannot carry its traffic; route it through a NAT gateway',
    );
    expect(readHops(trace.hops).at(-1)).toBe(
      'internet gateway Igw: drop WebA (in PublicA) has no public IP to translate to',
    );
  });
});

describe('the route table of an internet gateway (edge association)', () => {
  it('sends inbound traffic through the firewall endpoint of the subnet’s AZ before the subnet', () => {
    const trace = traceFlow(model, ingress(80));
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)).toEqual([
      'internet gateway Igw: forward internet → public IP of WebB; route 10.1.2.0/24 → firewall endpoint eu-central-1b (assumed) (IngressRouteTable)',
      'firewall Firewall eu-central-1b: endpoint in eu-central-1b (assumed); PASS SYN: rule sid 1 (pass tcp ANY ANY -> ANY 80 (sid:1;)) (WebRules) passes the connection',
      'subnet FirewallB eu-central-1b: route 10.1.0.0/16 → local (FirewallRouteTable)',
      'instance ENI WebB eu-central-1b: sg ingress ingress 0.0.0.0/0:80/tcp (WebSecurityGroup)',
    ]);
    expect(readHops(trace.returnHops)).toEqual([
      'instance ENI WebB eu-central-1b: reply → internet',
      'subnet PublicB eu-central-1b: route 0.0.0.0/0 → firewall endpoint eu-central-1b (assumed) (PublicRouteTableB)',
      'firewall Firewall eu-central-1b: endpoint in eu-central-1b (assumed); PASS established connection: the endpoint the request crossed (symmetric)',
      'subnet FirewallB eu-central-1b: route 0.0.0.0/0 → igw Igw (FirewallRouteTable)',
      'internet gateway Igw: forward → internet',
    ]);
  });

  it('lets the firewall drop inbound traffic that the security group would let in', () => {
    const trace = traceFlow(model, ingress(22));
    expect(trace.disposition).toBe('DROPPED_BY_FIREWALL');
    expect(trace.reason).toBe('rule sid 3 (drop tcp ANY ANY -> ANY 22 (sid:3;)) (WebRules) drops the SYN');
    expect(readHops(trace.hops).at(-1)).toBe(
      'firewall Firewall eu-central-1b: endpoint in eu-central-1b (assumed); DROP SYN: rule sid 3 (drop tcp ANY ANY -> ANY 22 (sid:3;)) (WebRules) drops it',
    );
  });

  it('delivers inbound traffic straight to the subnet once the edge route is deleted, and the reply through the endpoint is asymmetric', () => {
    const trace = traceFlow(
      edited((t) => t.delete('IngressRoutePublicB')),
      ingress(80),
    );
    expect(trace.disposition).toBe('DROPPED_BY_FIREWALL');
    expect(trace.reason).toBe(
      "the reply fails: asymmetric routing: the reply crosses Firewall's endpoint in eu-central-1b, but the request did not cross it; Network Firewall drops connections it sees only one way",
    );
    expect(readHops(trace.hops)).toEqual([
      'internet gateway Igw: forward internet → public IP of WebB; route 10.1.0.0/16 → local (IngressRouteTable)',
      'instance ENI WebB eu-central-1b: sg ingress ingress 0.0.0.0/0:80/tcp (WebSecurityGroup)',
    ]);
  });

  it('routes the reply to an egress connection by the edge route too, so without it the reply bypasses the firewall', () => {
    const trace = traceFlow(
      edited((t) => t.delete('IngressRoutePublicA')),
      egress(),
    );
    expect(trace.disposition).toBe('DROPPED_BY_FIREWALL');
    expect(trace.reason).toBe(
      'the reply fails: asymmetric routing: the reply bypasses the firewall endpoint the request crossed (Firewall in eu-central-1a); Network Firewall drops connections it sees only one way',
    );
    expect(readHops(trace.returnHops)).toEqual([
      'internet gateway Igw: reply internet → public IP of WebA; route 10.1.0.0/16 → local (IngressRouteTable)',
      'instance ENI WebA eu-central-1a: stateful reply of an allowed connection (security groups are stateful)',
    ]);
  });

  it('fails with the reason a gateway route table that routes to a target AWS does not accept there', () => {
    const trace = traceFlow(
      edited((t) => {
        const route = t.properties('IngressRoutePublicB');
        delete route.VpcEndpointId;
        route.GatewayId = { Ref: 'Igw' };
      }),
      ingress(80),
    );
    expect(trace.disposition).toBe('UNKNOWN');
    expect(trace.unknownReason).toBe(
      'route IngressRoutePublicB of gateway route table IngressRouteTable sends the packet to igw Igw, but a gateway route table routes only to local, a Gateway Load Balancer (or firewall) endpoint or a network interface: AWS refuses to associate it with Igw',
    );
  });
});

describe('a middlebox network interface in the route table of an internet gateway', () => {
  it('makes the trace UNKNOWN: what the appliance forwards is not in the templates', () => {
    const trace = traceFlow(
      edited((t) => {
        t.add('Workload', 'ApplianceEni', {
          Type: 'AWS::EC2::NetworkInterface',
          Properties: { SubnetId: { Ref: 'FirewallB' } },
        });
        const route = t.properties('IngressRoutePublicB');
        delete route.VpcEndpointId;
        route.NetworkInterfaceId = { Ref: 'ApplianceEni' };
      }),
      ingress(80),
    );
    expect(trace.disposition).toBe('UNKNOWN');
    expect(trace.unknownReason).toBe(
      'route IngressRoutePublicB sends the packet to network interface Workload/ApplianceEni, a middlebox whose forwarding the templates do not describe',
    );
    expect(readHops(trace.hops)).toEqual([
      'internet gateway Igw: forward internet → public IP of WebB; route 10.1.2.0/24 → eni ApplianceEni (IngressRouteTable)',
    ]);
  });
});

describe('a VpcEndpointId the templates do not tie to an endpoint', () => {
  it('makes the trace UNKNOWN naming the route and the parameter it comes from', () => {
    const withParameter: Assembly = {
      ...assembly,
      stacks: assembly.stacks.map((stack) => ({
        ...stack,
        template: { ...stack.template, Parameters: { FirewallEndpointB: { Type: 'String' } } },
      })),
    };
    const trace = traceFlow(
      edited((t) => {
        t.properties('IngressRoutePublicB').VpcEndpointId = { Ref: 'FirewallEndpointB' };
      }, withParameter),
      ingress(80),
    );
    expect(trace.disposition).toBe('UNKNOWN');
    expect(trace.unknownReason).toBe(
      "route IngressRoutePublicB targets a VpcEndpointId that Moat cannot tie to a Network Firewall endpoint (Fn::GetAtt [Firewall, EndpointIds]) or a Gateway Load Balancer endpoint of the templates: parameter 'FirewallEndpointB' of Workload has no value and no Default: give one with --parameters Workload:FirewallEndpointB=VALUE",
    );
  });

  it('makes the trace UNKNOWN naming the route and the custom resource it comes from', () => {
    const trace = traceFlow(
      edited((t) => {
        t.add('Workload', 'FirewallVpceIds', {
          Type: 'Custom::DescribeVpcEndpoints',
          Properties: { ServiceToken: 'arn:aws:lambda:eu-central-1:111111111111:function:describe' },
        });
        t.properties('PublicRouteA').VpcEndpointId = { 'Fn::GetAtt': ['FirewallVpceIds', 'FwVpceId1'] };
      }),
      egress(),
    );
    expect(trace.disposition).toBe('UNKNOWN');
    expect(trace.unknownReason).toBe(
      'route PublicRouteA targets a VpcEndpointId that Moat cannot tie to a Network Firewall endpoint (Fn::GetAtt [Firewall, EndpointIds]) or a Gateway Load Balancer endpoint of the templates: value returned by custom resource FirewallVpceIds at deploy time',
    );
    expect(readHops(trace.hops).at(-1)).toBe(
      'subnet PublicA eu-central-1a: route 0.0.0.0/0 → unknown target (PublicRouteTableA)',
    );
  });
});
