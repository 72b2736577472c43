import { describe, expect, it } from 'vitest';
import { readTemplateAcknowledgements } from '../../src/acknowledgements/index.js';
import type { Assembly } from '../../src/assembly/index.js';
import type { CfnResource } from '../../src/cfn/template.js';
import { unknown } from '../../src/model/types.js';

const assemblyWith = (resources: Record<string, CfnResource>): Assembly => ({
  directory: '/tmp/cdk.out',
  stacks: [
    {
      name: 'App',
      stackName: 'App',
      account: unknown('test'),
      region: unknown('test'),
      template: { Resources: resources },
      file: '/tmp/cdk.out/App.template.json',
    },
  ],
});

const sg = (metadata?: CfnResource['Metadata']): CfnResource => ({
  Type: 'AWS::EC2::SecurityGroup',
  ...(metadata === undefined ? {} : { Metadata: metadata }),
});

describe('readTemplateAcknowledgements', () => {
  it("reads the rule and the trimmed reason of a resource's moat metadata, tied to that resource", () => {
    const assembly = assemblyWith({
      TaskSg: sg({
        'aws:cdk:path': 'App/TaskSg/Resource',
        moat: { acknowledge: [{ rule: 'NET006', reason: ' health checks from the partner monitor ' }] },
      }),
      Other: sg(),
    });
    expect(readTemplateAcknowledgements(assembly)).toEqual({
      acknowledgements: [
        {
          rule: 'NET006',
          reason: 'health checks from the partner monitor',
          resource: { kind: 'resource', stack: 'App', logicalId: 'TaskSg' },
          origin: 'the metadata of App/TaskSg, acknowledge[0]',
        },
      ],
      problems: [],
    });
  });

  it('rejects, with the reason, an entry without a reason, a short reason, a rule that is no id, and a malformed section', () => {
    const assembly = assemblyWith({
      A: sg({
        moat: {
          acknowledge: [
            { rule: 'NET006' },
            { rule: 'NET006', reason: 'because' },
            { rule: 'EC23', reason: 'a long enough reason' },
          ],
        },
      }),
      B: sg({ moat: 'NET006' }),
    });
    expect(readTemplateAcknowledgements(assembly)).toEqual({
      acknowledgements: [],
      problems: [
        'the metadata of App/A, acknowledge[0]: the reason null is missing or shorter than 10 characters; say why the finding is accepted',
        'the metadata of App/A, acknowledge[1]: the reason "because" is missing or shorter than 10 characters; say why the finding is accepted',
        'the metadata of App/A, acknowledge[2]: rule "EC23" is not a rule id; use one such as "NET006" (docs/RULES.md)',
        'the metadata of App/B: "moat" has no "acknowledge" list; write { "acknowledge": [{ "rule", "reason" }] }',
      ],
    });
  });
});
