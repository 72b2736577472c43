import { describe, expect, it } from 'vitest';
import { net002 } from '../../../src/analyses/invariants/rules/net002-internet-egress-crosses-firewall.js';
import { hubModel } from '../support/hub-model.js';
import { route, routeTable } from '../support/model-builder.js';

describe('NET002 internet egress crosses a firewall', () => {
  it('accepts task egress that crosses the firewall endpoint in each AZ', () => {
    expect(net002.check(hubModel())).toEqual([]);
  });

  it('fails when AZ a’s attachment subnet sends egress straight to its NAT gateway and replies come back by the TGW', () => {
    const model = hubModel((p) => ({
      attachRtA: routeTable('AttachRtA', p.egressVpc, [
        route('0.0.0.0/0', { kind: 'nat-gateway', id: p.natA.id }),
      ]),
      publicRtA: routeTable('PublicRtA', p.egressVpc, [
        route('0.0.0.0/0', { kind: 'internet-gateway', id: p.igw.id }),
        route('10.0.0.0/16', { kind: 'transit-gateway', id: p.tgw.id }),
      ]),
    }));
    expect(net002.check(model).map(({ ruleId, message }) => ({ ruleId, message }))).toEqual([
      {
        ruleId: 'NET002',
        message:
          'Net/AttachA: egress-allowed Service (eu-central-1a) → api.binance.com:443/tcp reaches the internet without crossing a firewall endpoint: at this subnet, 0.0.0.0/0 → nat NatA (AttachRtA). Route it to the firewall endpoint of its AZ.',
      },
      {
        ruleId: 'NET002',
        message:
          'Net/AttachA: egress-denied Service (eu-central-1a) → example.com:443/tcp reaches the internet without crossing a firewall endpoint: at this subnet, 0.0.0.0/0 → nat NatA (AttachRtA). Route it to the firewall endpoint of its AZ.',
      },
    ]);
  });

  it('reports flows it cannot trace as one undetermined finding per reason', () => {
    const model = hubModel((p) => ({
      taskRtA: routeTable('TaskRtA', p.containerVpc, [
        route('0.0.0.0/0', { kind: 'unknown', reason: 'Fn::ImportValue SharedTgw' }),
      ]),
    }));
    expect(net002.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET002',
        severity: 'warning',
        undetermined: true,
        message:
          'Net/Service: cannot check "Every internet-bound flow from a task crosses a firewall endpoint when a firewall exists": egress-allowed Service (eu-central-1a) → api.binance.com:443/tcp; egress-denied Service (eu-central-1a) → example.com:443/tcp cannot be traced: Fn::ImportValue SharedTgw',
      }),
    ]);
  });
});
