import { describe, expect, it } from 'vitest';
import { type Acknowledgement, applyAcknowledgements } from '../../src/acknowledgements/index.js';
import type { Finding } from '../../src/analyses/types.js';

const finding = (ruleId: `NET${number}`, logicalId: string, constructPath?: string): Finding => ({
  ruleId,
  severity: 'error',
  message: `${logicalId} is open`,
  source: { stack: 'MoatWorkload', logicalId, type: 'AWS::EC2::SecurityGroup', constructPath },
});

const byName = (rule: string, name: string): Acknowledgement => ({
  rule,
  resource: { kind: 'name', name },
  reason: 'accepted by the security review',
  origin: 'acknowledge[0] of the config',
});

describe('applyAcknowledgements', () => {
  it('marks a finding acknowledged by logical ID, by stack/logicalId, by construct path and by a parent construct path', () => {
    const open = finding('NET006', 'TaskSgA1B2', 'MoatWorkload/PriceService/TaskSg/Resource');
    for (const name of [
      'TaskSgA1B2',
      'MoatWorkload/TaskSgA1B2',
      'MoatWorkload/PriceService/TaskSg/Resource',
      'MoatWorkload/PriceService',
    ]) {
      const { findings, stale } = applyAcknowledgements([open], [byName('NET006', name)]);
      expect(findings, name).toEqual([
        {
          ...open,
          acknowledgement: {
            reason: 'accepted by the security review',
            origin: 'acknowledge[0] of the config',
          },
        },
      ]);
      expect(stale, name).toEqual([]);
    }
  });

  it('leaves a finding of another rule, or of a resource whose path only starts with the same letters, unacknowledged', () => {
    const open = finding('NET006', 'TaskSg', 'MoatWorkload/PriceServiceTwo/TaskSg/Resource');
    const acknowledgements = [byName('NET005', 'TaskSg'), byName('NET006', 'MoatWorkload/PriceService')];
    const { findings, stale } = applyAcknowledgements([open], acknowledgements);
    expect(findings).toEqual([open]);
    expect(stale.map((entry) => entry.message)).toEqual([
      'acknowledge[0] of the config acknowledges NET005 on "TaskSg", but no such finding remains: remove it, or check the rule and the resource name',
      'acknowledge[0] of the config acknowledges NET006 on "MoatWorkload/PriceService", but no such finding remains: remove it, or check the rule and the resource name',
    ]);
  });

  it('ties a metadata acknowledgement to its own resource only', () => {
    const mine = finding('NET006', 'TaskSg');
    const other = finding('NET006', 'AdminSg');
    const { findings } = applyAcknowledgements(
      [mine, other],
      [
        {
          rule: 'NET006',
          resource: { kind: 'resource', stack: 'MoatWorkload', logicalId: 'TaskSg' },
          reason: 'the partner monitor probes it',
          origin: 'the metadata of MoatWorkload/TaskSg, acknowledge[0]',
        },
      ],
    );
    expect(findings.map((entry) => [entry.source?.logicalId, entry.acknowledgement?.reason])).toEqual([
      ['TaskSg', 'the partner monitor probes it'],
      ['AdminSg', undefined],
    ]);
  });
});
