import { describe, expect, it } from 'vitest';
import { buildModel, loadAssembly } from '../../../src/index.js';
import { mutate } from '../../mutations/support/template-edits.js';
import { fixture } from '../../trace/read-hops.js';

const assembly = loadAssembly(fixture('distributed-firewall'));

describe('reading routes at the edge of a VPC', () => {
  it('gives an internet gateway the route table a GatewayRouteTableAssociation associates with it', () => {
    const model = buildModel(assembly);
    expect(model.internetGateways).toEqual([
      expect.objectContaining({
        id: 'Workload/Igw',
        vpcId: 'Workload/Vpc',
        routeTableId: 'Workload/IngressRouteTable',
      }),
    ]);
  });

  it('leaves out the edge association of a virtual private gateway, saying so', () => {
    const model = buildModel(
      mutate(assembly, (t) => {
        t.add('Workload', 'Vgw', { Type: 'AWS::EC2::VPNGateway', Properties: { Type: 'ipsec.1' } });
        t.add('Workload', 'VgwEdge', {
          Type: 'AWS::EC2::GatewayRouteTableAssociation',
          Properties: { GatewayId: { Ref: 'Vgw' }, RouteTableId: { Ref: 'IngressRouteTable' } },
        });
      }),
    );
    expect(model.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'VgwEdge is left out of the model: virtual private gateways (VPN) are not modelled',
    ]);
  });

  it('reads a VpcEndpointId naming an endpoint a route cannot target as an unknown target, with why', () => {
    const model = buildModel(
      mutate(assembly, (t) => {
        t.add('Workload', 'LogsEndpoint', {
          Type: 'AWS::EC2::VPCEndpoint',
          Properties: {
            VpcEndpointType: 'Interface',
            VpcId: { Ref: 'Vpc' },
            ServiceName: 'com.amazonaws.eu-central-1.logs',
          },
        });
        t.properties('PublicRouteA').VpcEndpointId = { Ref: 'LogsEndpoint' };
      }),
    );
    const route = model.routeTables
      .flatMap((table) => table.routes)
      .find((candidate) => candidate.source.logicalId === 'PublicRouteA');
    expect(route?.target).toEqual({
      kind: 'unknown',
      reason:
        'route PublicRouteA targets a VpcEndpointId that Moat cannot tie to a Network Firewall endpoint (Fn::GetAtt [Firewall, EndpointIds]) or a Gateway Load Balancer endpoint of the templates: Workload/LogsEndpoint is a VPC endpoint of type Interface, which a route cannot target',
    });
  });
});
