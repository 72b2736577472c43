import { describe, expect, it } from 'vitest';
import { net012 } from '../../../src/analyses/invariants/rules/net012-firewall-in-both-directions.js';
import { modelOf } from '../../trace/read-hops.js';
import { hubModel } from '../support/hub-model.js';
import { route, routeTable } from '../support/model-builder.js';

describe('NET012 firewall in both directions', () => {
  it('accepts attachment subnets routed to the endpoints and NAT subnets returning through them', () => {
    expect(net012.check(hubModel())).toEqual([]);
  });

  it('fails an attachment subnet whose firewall route was removed in one AZ', () => {
    const model = hubModel((p) => ({ attachRtA: routeTable('AttachRtA', p.egressVpc, []) }));
    expect(net012.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET012',
        message:
          "Net/AttachA: this transit gateway attachment subnet has no route for 0.0.0.0/0 in route table Net/AttachRtA, so egress from the spokes skips firewall Net/Firewall. Route 0.0.0.0/0 to the firewall endpoint of this subnet's AZ.",
      }),
    ]);
  });

  it('fails an attachment subnet that sends egress straight to the NAT gateway', () => {
    const model = hubModel((p) => ({
      attachRtB: routeTable('AttachRtB', p.egressVpc, [
        route('0.0.0.0/0', { kind: 'nat-gateway', id: p.natB.id }),
      ]),
    }));
    expect(net012.check(model).map((finding) => finding.message)).toEqual([
      "Net/AttachB: this transit gateway attachment subnet sends 0.0.0.0/0 to nat-gateway Net/NatB (route table Net/AttachRtB), so egress from the spokes skips firewall Net/Firewall. Route 0.0.0.0/0 to the firewall endpoint of this subnet's AZ.",
    ]);
  });

  it('fails a NAT subnet whose replies to the spoke bypass the firewall', () => {
    const model = hubModel((p) => ({
      publicRtA: routeTable('PublicRtA', p.egressVpc, [
        route('0.0.0.0/0', { kind: 'internet-gateway', id: p.igw.id }),
      ]),
    }));
    expect(net012.check(model).map((finding) => finding.message)).toEqual([
      "Net/PublicA: this NAT gateway subnet sends 10.0.0.0/16 to internet-gateway Net/EgressIgw (route table Net/PublicRtA), so replies to spoke 10.0.0.0/16 return around firewall Net/Firewall, which drops them as asymmetric. Route 10.0.0.0/16 to the firewall endpoint of this subnet's AZ.",
    ]);
  });

  it('fails a regional NAT gateway in the firewall VPC whose own route table returns replies around the firewall', () => {
    const model = hubModel((p) => {
      const natTable = routeTable('NatRt', p.egressVpc, [
        route('0.0.0.0/0', { kind: 'internet-gateway', id: p.igw.id }),
      ]);
      return {
        publicRtA: natTable,
        natA: {
          ...p.natA,
          placement: {
            kind: 'regional',
            vpcId: p.egressVpc.id,
            routeTableId: natTable.id,
            availabilityZones: { kind: 'automatic' },
          },
        },
      };
    });
    expect(net012.check(model).map((finding) => finding.message)).toEqual([
      'Net/NatA: the route table of this regional NAT gateway sends 10.0.0.0/16 to internet-gateway Net/EgressIgw (route table Net/NatRt), so replies to spoke 10.0.0.0/16 return around firewall Net/Firewall, which drops them as asymmetric. One route table serves every AZ, so it cannot return each reply to the endpoint of the AZ its request crossed: attach the firewall to the transit gateway, or use a zonal NAT gateway per AZ.',
    ]);
  });

  it('asks nothing of a firewall attached to a transit gateway, which transit gateway route tables route to, not VPC ones', () => {
    expect(net012.check(modelOf('tgw-attached-firewall'))).toEqual([]);
  });

  it('asks nothing of a firewall VPC that no spoke sends its internet-bound traffic to', () => {
    const model = hubModel((p) => ({
      attachRtA: routeTable('AttachRtA', p.egressVpc, []),
      spokeTable: { ...p.spokeTable, routes: p.spokeTable.routes.slice(1) },
    }));
    expect(net012.check(model)).toEqual([]);
  });
});
