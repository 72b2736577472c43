import { describe, expect, it } from 'vitest';
import { net030 } from '../../../src/analyses/invariants/rules/net030-internet-gateway-routes-mirror-firewall-routes.js';
import { buildModel, loadAssembly } from '../../../src/index.js';
import { mutate, type Templates } from '../../mutations/support/template-edits.js';
import { fixture, modelOf } from '../../trace/read-hops.js';

const assembly = loadAssembly(fixture('distributed-firewall'));
const messagesAfter = (edit: (templates: Templates) => void): string[] =>
  net030.check(buildModel(mutate(assembly, edit))).map((finding) => finding.message);

describe('NET030 the internet gateway’s route table mirrors the firewall routes of the public subnets', () => {
  it('accepts the distributed model: each public subnet and its edge route use the endpoint of its AZ', () => {
    expect(net030.check(modelOf('distributed-firewall'))).toEqual([]);
  });

  it('asks nothing of public subnets that reach the internet gateway directly, nor of private ones', () => {
    expect(net030.check(modelOf('nat-egress'))).toEqual([]);
    expect(net030.check(modelOf('tgw-attached-firewall'))).toEqual([]);
  });

  it('fails a public subnet routed through an endpoint when the edge route for it is deleted', () => {
    expect(messagesAfter((t) => t.delete('IngressRoutePublicB'))).toEqual([
      "Workload/PublicB: this subnet has public IPs; its route table Workload/PublicRouteTableB sends 0.0.0.0/0 to firewall endpoint of Workload/Firewall in eu-central-1b (route PublicRouteB), but the route table of internet gateway Workload/Igw (Workload/IngressRouteTable) sends 10.1.2.0/24 to the VPC's local route: the replies of one direction go around the firewall endpoint the other crosses, and Network Firewall drops them as asymmetric. Route 10.1.2.0/24 in the internet gateway's route table and 0.0.0.0/0 of the subnet to the same firewall endpoint.",
    ]);
  });

  it('fails an edge route to the endpoint of another AZ than the subnet’s own route', () => {
    expect(
      messagesAfter((t) => {
        t.properties('IngressRoutePublicA').VpcEndpointId =
          t.properties('PublicRouteB').VpcEndpointId ?? null;
      }),
    ).toEqual([
      "Workload/PublicA: this subnet has public IPs; its route table Workload/PublicRouteTableA sends 0.0.0.0/0 to firewall endpoint of Workload/Firewall in eu-central-1a (route PublicRouteA), but the route table of internet gateway Workload/Igw (Workload/IngressRouteTable) sends 10.1.1.0/24 to firewall endpoint of Workload/Firewall in eu-central-1b (route IngressRoutePublicA): the replies of one direction go around the firewall endpoint the other crosses, and Network Firewall drops them as asymmetric. Route 10.1.1.0/24 in the internet gateway's route table and 0.0.0.0/0 of the subnet to the same firewall endpoint.",
    ]);
  });

  it('fails an edge route through an endpoint for a subnet that sends its own traffic straight to the gateway', () => {
    expect(
      messagesAfter((t) => {
        const route = t.properties('PublicRouteA');
        delete route.VpcEndpointId;
        route.GatewayId = { Ref: 'Igw' };
      }),
    ).toEqual([
      "Workload/PublicA: this subnet has public IPs; its route table Workload/PublicRouteTableA sends 0.0.0.0/0 to internet-gateway Workload/Igw (route PublicRouteA), but the route table of internet gateway Workload/Igw (Workload/IngressRouteTable) sends 10.1.1.0/24 to firewall endpoint of Workload/Firewall in eu-central-1a (route IngressRoutePublicA): the replies of one direction go around the firewall endpoint the other crosses, and Network Firewall drops them as asymmetric. Route 10.1.1.0/24 in the internet gateway's route table and 0.0.0.0/0 of the subnet to the same firewall endpoint.",
    ]);
  });

  it('cannot decide when the subnet’s route leads to a target the templates do not determine, and says so', () => {
    const findings = net030.check(
      buildModel(
        mutate(assembly, (t) => {
          t.properties('PublicRouteB').VpcEndpointId = {
            'Fn::Select': [
              1,
              { 'Fn::Split': [':', { 'Fn::Select': [2, { 'Fn::GetAtt': ['Firewall', 'EndpointIds'] }] }] },
            ],
          };
        }),
      ),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        undetermined: true,
        message:
          'Workload/PublicB: cannot check "The internet gateway\'s route table mirrors the firewall routes of the public subnets": a route it depends on leads to a target the templates do not determine, or to a firewall endpoint whose AZ is unknown',
      }),
    ]);
  });
});
