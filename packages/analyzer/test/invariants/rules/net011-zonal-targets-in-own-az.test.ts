import { describe, expect, it } from 'vitest';
import { net011 } from '../../../src/analyses/invariants/rules/net011-zonal-targets-in-own-az.js';
import { unknown } from '../../../src/model/types.js';
import { AZ_A, hubModel } from '../support/hub-model.js';
import { route, routeTable, subnet } from '../support/model-builder.js';

describe('NET011 zonal targets in their own AZ', () => {
  it('accepts each AZ routing to its own NAT gateway and firewall endpoint', () => {
    expect(net011.check(hubModel())).toEqual([]);
  });

  it('fails a subnet in AZ b that uses the NAT gateway of AZ a after its own NAT was deleted', () => {
    const model = hubModel((p) => ({
      natB: p.natA,
      firewallRtB: routeTable('FirewallRtB', p.egressVpc, [
        route('0.0.0.0/0', { kind: 'nat-gateway', id: p.natA.id }),
      ]),
    }));
    expect(net011.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET011',
        message:
          'Net/FirewallB: the subnet is in eu-central-1b but its route 0.0.0.0/0 → nat-gateway Net/NatA in route table Net/FirewallRtB leads to eu-central-1a; losing eu-central-1a cuts this subnet off. Route to the one in eu-central-1b.',
      }),
    ]);
  });

  it('cannot tell for a subnet placed by AZ ID whose NAT gateway is in a subnet placed by AZ name', () => {
    const model = hubModel((p) => ({
      firewallB: subnet('FirewallB', p.egressVpc, '10.2.3.0/24', 'euc1-az2', {
        routeTableId: p.firewallB.routeTableId,
      }),
    }));
    expect(net011.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET011',
        undetermined: true,
        message:
          'Net/FirewallB: cannot check "Subnets route to the NAT gateway and firewall endpoint of their own AZ": the subnet is in the AZ ID euc1-az2 and the target of its route 0.0.0.0/0 → nat-gateway Net/NatB in route table Net/FirewallRtB in the AZ name eu-central-1b, which do not compare: AZ names are mapped to physical zones per account, AZ IDs are the same everywhere (https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html); place the subnets by AvailabilityZoneId',
      }),
    ]);
  });

  it('uses the assumed AZ of an endpoint picked from EndpointIds', () => {
    const model = hubModel((p) => ({
      attachRtB: routeTable('AttachRtB', p.egressVpc, [
        route('0.0.0.0/0', {
          kind: 'firewall-endpoint',
          firewallId: p.egressFirewall.id,
          availabilityZone: unknown('Fn::Select [0, EndpointIds]'),
          assumedAvailabilityZone: AZ_A,
        }),
      ]),
    }));
    expect(net011.check(model).map((finding) => finding.message)).toEqual([
      'Net/AttachB: the subnet is in eu-central-1b but its route 0.0.0.0/0 → firewall endpoint of Net/Firewall in eu-central-1a in route table Net/AttachRtB leads to eu-central-1a; losing eu-central-1a cuts this subnet off. Route to the one in eu-central-1b.',
    ]);
  });

  it('reports an endpoint of unknown AZ as undetermined', () => {
    const model = hubModel((p) => ({
      attachRtB: routeTable('AttachRtB', p.egressVpc, [
        route('0.0.0.0/0', {
          kind: 'firewall-endpoint',
          firewallId: p.egressFirewall.id,
          availabilityZone: unknown('a parameter'),
        }),
      ]),
    }));
    expect(net011.check(model)).toEqual([
      expect.objectContaining({
        undetermined: true,
        message:
          'Net/AttachB: cannot check "Subnets route to the NAT gateway and firewall endpoint of their own AZ": the AZ of the subnet or of the target of its route 0.0.0.0/0 → firewall endpoint of Net/Firewall in route table Net/AttachRtB is unresolved',
      }),
    ]);
  });
});
