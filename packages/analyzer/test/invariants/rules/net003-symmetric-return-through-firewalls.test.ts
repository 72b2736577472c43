import { describe, expect, it } from 'vitest';
import { net003 } from '../../../src/analyses/invariants/rules/net003-symmetric-return-through-firewalls.js';
import { known } from '../../../src/model/types.js';
import { modelOf } from '../../trace/read-hops.js';
import { AZ_A, hubModel } from '../support/hub-model.js';
import { route, routeTable } from '../support/model-builder.js';

describe('NET003 symmetric return through firewalls', () => {
  it('accepts replies that retrace the endpoint of their AZ', () => {
    expect(net003.check(hubModel())).toEqual([]);
  });

  it('fails when AZ b’s NAT subnet returns spoke replies through the endpoint of AZ a', () => {
    const model = hubModel((p) => ({
      publicRtB: routeTable('PublicRtB', p.egressVpc, [
        route('0.0.0.0/0', { kind: 'internet-gateway', id: p.igw.id }),
        route('10.0.0.0/16', {
          kind: 'firewall-endpoint',
          firewallId: p.egressFirewall.id,
          availabilityZone: known(AZ_A),
        }),
      ]),
    }));
    expect(net003.check(model).map(({ ruleId, message }) => ({ ruleId, message }))).toEqual([
      {
        ruleId: 'NET003',
        message:
          "Net/Firewall: the reply of egress-allowed Service (eu-central-1b) → api.binance.com:443/tcp does not retrace firewall Net/Firewall@eu-central-1b: the reply fails: asymmetric routing: the reply crosses Firewall's endpoint in eu-central-1a, but the request crossed Firewall in eu-central-1b; Network Firewall drops connections it sees only one way.",
      },
    ]);
  });
});

describe('NET003 on a distributed firewall (test/fixtures/distributed-firewall)', () => {
  it("fails when the internet gateway's edge route no longer sends the request through the endpoint its reply takes", () => {
    const model = modelOf('distributed-firewall');
    expect(net003.check(model)).toEqual([]);
    const withoutEdgeRoute = {
      ...model,
      routeTables: model.routeTables.map((table) =>
        table.source.logicalId === 'IngressRouteTable'
          ? { ...table, routes: table.routes.filter((r) => r.source.logicalId !== 'IngressRoutePublicA') }
          : table,
      ),
    };
    expect(net003.check(withoutEdgeRoute).map(({ message }) => message)[0]).toBe(
      "Workload/Firewall: the reply of ingress internet → WebA:80/tcp crosses firewall Workload/Firewall@eu-central-1a, which its request did not cross: the reply fails: asymmetric routing: the reply crosses Firewall's endpoint in eu-central-1a, but the request did not cross it; Network Firewall drops connections it sees only one way.",
    );
  });
});
