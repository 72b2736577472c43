import { describe, expect, it } from 'vitest';
import { failedFlows, verifyModel } from '../../src/index.js';
import { hubModel } from '../invariants/support/hub-model.js';
import { egressRule, ingressRule, securityGroup } from '../invariants/support/model-builder.js';

// The hub's task group with ingress open to the world (NET006); its egress stays the hub's HTTPS only, so
// that NET027 (egress to the world on every port) does not fire beside it.
const worldOpenTask = () =>
  hubModel((p) => ({
    taskSg: securityGroup('TaskSg', p.containerVpc, [
      ingressRule(8080, '0.0.0.0/0'),
      egressRule(443, '0.0.0.0/0', 'TaskSg'),
    ]),
  }));

describe('verifyModel with acknowledgements', () => {
  it('fails on an invariant error that nothing acknowledges', () => {
    const verification = verifyModel(worldOpenTask());
    expect(
      verification.findings.map((finding) => [finding.ruleId, finding.severity, finding.acknowledgement]),
    ).toEqual([['NET006', 'error', undefined]]);
    expect(verification.holds).toBe(false);
  });

  it('holds when the error is acknowledged, and still reports it with the reason', () => {
    const verification = verifyModel(worldOpenTask(), [], {
      acknowledgements: [
        {
          rule: 'NET006',
          resource: { kind: 'name', name: 'Net/TaskSg' },
          reason: 'the load test rig needs it for one week',
          origin: 'acknowledge[0] of the config',
        },
      ],
    });
    expect(verification.findings).toEqual([
      expect.objectContaining({
        ruleId: 'NET006',
        severity: 'error',
        acknowledgement: {
          reason: 'the load test rig needs it for one week',
          origin: 'acknowledge[0] of the config',
        },
      }),
    ]);
    expect(verification.staleAcknowledgements).toEqual([]);
    expect(verification.holds).toBe(true);
  });

  it('reports an acknowledgement that matches nothing as stale, without changing the verdict', () => {
    const verification = verifyModel(hubModel(), [], {
      acknowledgements: [
        {
          rule: 'NET006',
          resource: { kind: 'name', name: 'Net/TaskSg' },
          reason: 'was open once',
          origin: 'acknowledge[0] of the config',
        },
      ],
    });
    expect(verification.findings).toEqual([]);
    expect(verification.staleAcknowledgements.map((stale) => stale.message)).toEqual([
      'acknowledge[0] of the config acknowledges NET006 on "Net/TaskSg", but no such finding remains: remove it, or check the rule and the resource name',
    ]);
    expect(verification.holds).toBe(true);
  });
});

describe('failedFlows', () => {
  it('lists each flow not as expected with one sentence naming the flow, the AZ, the expectation and the hop at fault', () => {
    const noEgress = hubModel((p) => ({
      taskSg: securityGroup('TaskSg', p.containerVpc, [ingressRule(8080, '10.0.0.0/8')]),
    }));
    const failed = failedFlows(verifyModel(noEgress));
    expect(failed.map((flow) => flow.ruleId)).toContain('flow/egress-allowed');
    const egress = failed.find((flow) => flow.ruleId === 'flow/egress-allowed');
    expect(egress?.message).toMatch(
      /^egress-allowed: Service → api\.binance\.com:443\/tcp is DENIED_BY_SECURITY_GROUP from eu-central-1[ab], expected ACCEPTED\. security group TaskSg of Service allows no egress tcp\/443 to api\.binance\.com$/,
    );
    expect(egress?.at).toMatchObject({ stack: 'Net' });
    expect(egress?.lostAvailabilityZone).toBeUndefined();
  });
});
