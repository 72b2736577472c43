import { describe, expect, it } from 'vitest';
import { net003 } from '../../../src/analyses/invariants/rules/net003-symmetric-return-through-firewalls.js';
import { known } from '../../../src/model/types.js';
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
