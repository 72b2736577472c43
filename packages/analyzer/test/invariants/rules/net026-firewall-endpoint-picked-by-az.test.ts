import { describe, expect, it } from 'vitest';
import { net026 } from '../../../src/analyses/invariants/rules/net026-firewall-endpoint-picked-by-az.js';
import { known } from '../../../src/model/types.js';
import { modelOf } from '../../trace/read-hops.js';
import { model, route, routeTable, vpc } from '../support/model-builder.js';

describe('NET026 firewall endpoint picked by AZ', () => {
  it('accepts a route whose endpoint is known by its AZ', () => {
    const egress = vpc('EgressVpc', '10.2.0.0/16');
    const table = routeTable('TgwRtA', egress, [
      route('0.0.0.0/0', {
        kind: 'firewall-endpoint',
        firewallId: 'Net/Firewall',
        availabilityZone: known('eu-central-1a'),
      }),
    ]);
    expect(net026.check(model({ vpcs: [egress], routeTables: [table] }))).toEqual([]);
  });

  it('fails every route of a template that takes Fn::Select [i, EndpointIds], naming the route and the fix', () => {
    const findings = net026.check(modelOf('firewall-inspection'));
    expect(findings.map((finding) => [finding.source?.logicalId, finding.severity])).toEqual([
      ['EgressTgwRouteTableARoute0', 'error'],
      ['EgressPublicRouteTableARoute1', 'error'],
      ['EgressTgwRouteTableBRoute0', 'error'],
      ['EgressPublicRouteTableBRoute1', 'error'],
    ]);
    expect(findings[0]?.message).toBe(
      `Hub/EgressTgwRouteTableARoute0: the route 0.0.0.0/0 in route table Hub/EgressTgwRouteTableA takes Firewall's endpoint by its position in EndpointIds, whose order AWS does not document; it is eu-central-1a's endpoint only if the list follows the subnet mappings. Pick it by its AZ: Fn::Select [0, Fn::Split [",", Fn::Select [1, Fn::Split [",eu-central-1a:", Fn::Join ["", [",", Fn::Join [",", Fn::GetAtt [Firewall, EndpointIds]]]]]]]].`,
    );
  });
});
