import { describe, expect, it } from 'vitest';
import { net014 } from '../../../src/analyses/invariants/rules/net014-tgw-default-route-tables-off.js';
import { hubModel } from '../support/hub-model.js';

describe('NET014 transit gateway default route tables off', () => {
  it('accepts a transit gateway with both defaults off', () => {
    expect(net014.check(hubModel())).toEqual([]);
  });

  it('fails default association and propagation left on', () => {
    const model = hubModel((p) => ({
      tgw: { ...p.tgw, defaultRouteTableAssociation: true, defaultRouteTablePropagation: true },
    }));
    expect(net014.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET014',
        severity: 'warning',
        message:
          'Net/Tgw: DefaultRouteTableAssociation and DefaultRouteTablePropagation are enabled, so new attachments join the default route table on their own. Set DefaultRouteTableAssociation and DefaultRouteTablePropagation to disable.',
      }),
    ]);
  });
});
