import { describe, expect, it } from 'vitest';
import { type NetworkModel, traceFlow } from '../../src/index.js';
import { modelOf, readHops } from './read-hops.js';

const model = modelOf('firewall-inspection');
const from = { kind: 'workload', id: 'Hub/ContainerService', availabilityZone: 'eu-central-1a' } as const;
const toHost = (hostname: string) =>
  ({ from, to: { kind: 'host', hostname } as const, protocol: 'tcp', port: 443 }) as const;
const withPolicy = (change: Partial<NetworkModel['firewallPolicies'][number]>): NetworkModel => ({
  ...model,
  firewallPolicies: model.firewallPolicies.map((policy) => ({ ...policy, ...change })),
});

const ENDPOINT_ASSUMPTION =
  "Firewall's endpoint in route EgressTgwRouteTableARoute0 is assumed to be in eu-central-1a: the route takes Firewall's endpoint by its position in EndpointIds, and AWS does not document the order of that list";

describe('firewall inspection', () => {
  it('passes an allowed domain through the endpoint of the same AZ and retraces it on the way back', () => {
    const trace = traceFlow(model, toHost('api.binance.com'));
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)).toEqual([
      'task ENI ContainerService eu-central-1a: sg egress egress 0.0.0.0/0:443/tcp (ContainerTaskSecurityGroup)',
      'subnet ContainerPrivateA eu-central-1a: route 0.0.0.0/0 → tgw Tgw (ContainerPrivateRouteTable)',
      'tgw attachment ContainerAttachment eu-central-1a: enter transit gateway ENI in eu-central-1a; route associated SpokeTgwRouteTable: 0.0.0.0/0 → EgressAttachment (static); deliver EgressAttachment ENI in eu-central-1a',
      'subnet EgressTgwA eu-central-1a: route 0.0.0.0/0 → firewall endpoint eu-central-1a (assumed) (EgressTgwRouteTableA)',
      "firewall Firewall eu-central-1a: endpoint in eu-central-1a (assumed); PASS TLS ClientHello (SNI api.binance.com): rule sid 1 'matching TLS allowlisted FQDNs' (AllowedDomains) passes the connection",
      'subnet EgressFirewallA eu-central-1a: route 0.0.0.0/0 → nat EgressNatA (EgressFirewallRouteTableA)',
      'nat gateway EgressNatA eu-central-1a: source NAT to its Elastic IP',
      'subnet EgressPublicA eu-central-1a: route 0.0.0.0/0 → igw EgressIgw (EgressPublicRouteTableA)',
      'internet gateway EgressIgw: forward → internet',
    ]);
    expect(readHops(trace.returnHops)).toEqual([
      'internet gateway EgressIgw: reply internet → Elastic IP of EgressNatA',
      'nat gateway EgressNatA eu-central-1a: reverse NAT → ContainerService (in ContainerPrivateA)',
      'subnet EgressPublicA eu-central-1a: route 10.0.0.0/8 → firewall endpoint eu-central-1a (assumed) (EgressPublicRouteTableA)',
      'firewall Firewall eu-central-1a: endpoint in eu-central-1a (assumed); PASS established connection: the endpoint the request crossed (symmetric)',
      'subnet EgressFirewallA eu-central-1a: route 10.0.0.0/8 → tgw Tgw (EgressFirewallRouteTableA)',
      'tgw attachment EgressAttachment eu-central-1a: enter transit gateway ENI in eu-central-1a; route associated EgressTgwRouteTable: 10.0.0.0/16 → ContainerAttachment (propagated); deliver ContainerAttachment ENI in eu-central-1a',
      'subnet ContainerTgwA eu-central-1a: route 10.0.0.0/16 → local (main table of ContainerVpc)',
      'task ENI ContainerService eu-central-1a: stateful reply of an allowed connection (security groups are stateful)',
    ]);
    expect(trace.assumptions).toEqual([
      ENDPOINT_ASSUMPTION,
      "Firewall's endpoint in route EgressPublicRouteTableARoute1 is assumed to be in eu-central-1a: the route takes Firewall's endpoint by its position in EndpointIds, and AWS does not document the order of that list",
    ]);
  });

  it("drops a host that is not on the allow list with AWS's implicit rule", () => {
    const trace = traceFlow(model, toHost('example.com'));
    expect(trace.disposition).toBe('DROPPED_BY_FIREWALL');
    expect(trace.reason).toBe(
      "rule sid 2 'not matching any TLS allowlisted FQDNs' (AllowedDomains) drops the TLS ClientHello (SNI example.com)",
    );
    expect(readHops(trace.hops).at(-1)).toBe(
      "firewall Firewall eu-central-1a: endpoint in eu-central-1a (assumed); DROP TLS ClientHello (SNI example.com): rule sid 2 'not matching any TLS allowlisted FQDNs' (AllowedDomains) drops it",
    );
    expect(trace.assumptions).toEqual([ENDPOINT_ASSUMPTION]);
  });

  it('lets domain rules see nothing when HOME_NET does not cover the spoke, so the default action drops', () => {
    const trace = traceFlow(withPolicy({ homeNet: undefined }), toHost('api.binance.com'));
    expect(trace.disposition).toBe('DROPPED_BY_FIREWALL');
    expect(trace.reason).toBe(
      'no rule of FirewallPolicy passes the TLS ClientHello (SNI api.binance.com), and its default action aws:drop_established drops established packets no rule passes',
    );
  });

  it('drops the handshake under aws:drop_strict before the TLS SNI can be matched', () => {
    const trace = traceFlow(
      withPolicy({ statefulDefaultActions: ['aws:drop_strict'] }),
      toHost('api.binance.com'),
    );
    expect(trace.disposition).toBe('DROPPED_BY_FIREWALL');
    expect(trace.reason).toBe(
      'no rule of FirewallPolicy passes the SYN, and its default action aws:drop_strict drops every packet no rule passes',
    );
  });

  it('rejects an endpoint whose AZ the template does not determine, saying why', () => {
    const unknownAz: NetworkModel = {
      ...model,
      routeTables: model.routeTables.map((table) => ({
        ...table,
        routes: table.routes.map((route) => {
          if (route.target.kind !== 'firewall-endpoint') return route;
          const { assumedAvailabilityZone: _, ...target } = route.target;
          return { ...route, target };
        }),
      })),
    };
    const trace = traceFlow(unknownAz, toHost('api.binance.com'));
    expect(trace.disposition).toBe('UNKNOWN');
    expect(trace.unknownReason).toBe(
      "the route takes Firewall's endpoint by its position in EndpointIds, and AWS does not document the order of that list",
    );
  });
});

describe('asymmetric return', () => {
  const asymmetric = modelOf('asymmetric-return');
  const eastWest = {
    from: { kind: 'workload', id: 'Hub/OrdersService' },
    to: { kind: 'workload', id: 'Hub/PaymentsInstance' },
    protocol: 'tcp',
    port: 8080,
  } as const;

  it('drops a reply that comes back through the endpoint of another AZ without appliance mode', () => {
    const trace = traceFlow(asymmetric, eastWest);
    expect(trace.disposition).toBe('DROPPED_BY_FIREWALL');
    expect(trace.reason).toBe(
      "the reply fails: asymmetric routing: the reply crosses Firewall's endpoint in eu-central-1b, but the request crossed Firewall in eu-central-1a; Network Firewall drops connections it sees only one way",
    );
    expect(readHops(trace.returnHops)).toEqual([
      'instance ENI PaymentsInstance eu-central-1b: reply → OrdersService (in OrdersPrivateA)',
      'subnet PaymentsPrivateB eu-central-1b: route 0.0.0.0/0 → tgw Tgw (PaymentsPrivateRouteTable)',
      'tgw attachment PaymentsAttachment eu-central-1b: enter transit gateway ENI in eu-central-1b; route associated SpokeTgwRouteTable: 0.0.0.0/0 → InspectionAttachment (static); deliver InspectionAttachment ENI in eu-central-1b',
      'subnet InspectionTgwB eu-central-1b: route 0.0.0.0/0 → firewall endpoint eu-central-1b (assumed) (InspectionTgwRouteTableB)',
      'firewall Firewall eu-central-1b: endpoint in eu-central-1b (assumed); DROP asymmetric: the request crossed Firewall in eu-central-1a',
    ]);
  });

  it('keeps the reply in the AZ of the request when the inspection attachment has appliance mode', () => {
    const applianceMode = {
      ...asymmetric,
      transitGatewayAttachments: asymmetric.transitGatewayAttachments.map((attachment) => ({
        ...attachment,
        applianceMode: attachment.source.logicalId === 'InspectionAttachment',
      })),
    };
    const trace = traceFlow(applianceMode, eastWest);
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.returnHops).slice(2, 5)).toEqual([
      'tgw attachment PaymentsAttachment eu-central-1b: enter transit gateway ENI in eu-central-1b; route associated SpokeTgwRouteTable: 0.0.0.0/0 → InspectionAttachment (static); deliver InspectionAttachment ENI in eu-central-1a (appliance mode keeps the AZ of the request)',
      'subnet InspectionTgwA eu-central-1a: route 0.0.0.0/0 → firewall endpoint eu-central-1a (assumed) (InspectionTgwRouteTableA)',
      'firewall Firewall eu-central-1a: endpoint in eu-central-1a (assumed); PASS established connection: the endpoint the request crossed (symmetric)',
    ]);
  });
});
