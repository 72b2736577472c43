import { describe, expect, it } from 'vitest';
import { net006 } from '../../../src/analyses/invariants/rules/net006-no-world-open-port-outside-entries.js';
import { known, unknown } from '../../../src/model/types.js';
import { hubModel, hubParts } from '../support/hub-model.js';
import { ingressRule, instance, listener, securityGroup } from '../support/model-builder.js';

describe('NET006 no world-open port outside public entries', () => {
  it('accepts 0.0.0.0/0 on the listener port of an internet-facing load balancer', () => {
    const model = hubModel((p) => ({
      alb: { ...p.alb, scheme: 'internet-facing', listeners: [listener('AlbListener', 80)] },
      albSg: securityGroup('AlbSg', p.ingressVpc, [ingressRule(80, '0.0.0.0/0')]),
    }));
    expect(net006.check(model)).toEqual([]);
  });

  it('fails the task security group opened to the world', () => {
    const model = hubModel((p) => ({
      taskSg: securityGroup('TaskSg', p.containerVpc, [ingressRule(8080, '0.0.0.0/0')]),
    }));
    expect(net006.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET006',
        message:
          'Net/TaskSg: Net/TaskSg allows tcp 8080 from 0.0.0.0/0, but no public entry serves that port through this group. Allow it only from the security group of the load balancer in front, or from the VPC CIDR.',
      }),
    ]);
  });

  it('fails SSH open to the world on an instance with a public IP, but not its HTTP port', () => {
    const model = hubModel((p) => ({
      albSg: securityGroup('WebSg', p.ingressVpc, [
        ingressRule(80, '0.0.0.0/0'),
        ingressRule(22, '0.0.0.0/0'),
      ]),
    }));
    const withInstance = {
      ...model,
      instances: [
        instance('Web', hubParts().ingressA, { publicIp: true, securityGroupIds: [known('Net/WebSg')] }),
      ],
    };
    expect(net006.check(withInstance).map((finding) => finding.message)).toEqual([
      'Net/WebSg: Net/WebSg allows tcp 22 from 0.0.0.0/0, but no public entry serves that port through this group. Allow it only from the security group of the load balancer in front, or from the VPC CIDR.',
    ]);
  });

  it('reports an open rule as undetermined when a public entry’s security group is unresolved', () => {
    const model = hubModel((p) => ({
      taskSg: securityGroup('TaskSg', p.containerVpc, [ingressRule(8080, '0.0.0.0/0')]),
      alb: { ...p.alb, securityGroupIds: [unknown('Fn::ImportValue SharedAlbSg')] },
    }));
    expect(net006.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET006',
        severity: 'warning',
        undetermined: true,
        message:
          'Net/TaskSg: cannot check "No security group open to the internet on a port that is not a public entry": tcp 8080 from 0.0.0.0/0 of Net/TaskSg may belong to a public entry whose security group is unresolved (Fn::ImportValue SharedAlbSg)',
      }),
    ]);
  });
});
