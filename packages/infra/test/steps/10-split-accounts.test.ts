import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHARED_PARAMETER } from '../../src/stacks/shared-parameters.js';
import {
  defaultConfig,
  jsonOf,
  type SynthesizedTemplates,
  synthesizeForTest,
  templateOf,
} from '../support/synthesized-step.js';

let step: SynthesizedTemplates;
let previous: SynthesizedTemplates;
beforeAll(() => {
  step = synthesizeForTest(10);
  previous = synthesizeForTest(9);
});

const { networking, workload } = defaultConfig.accounts;
const region = defaultConfig.region;

/** `arn:<partition>:ssm:<region>:<account>:parameter<name>` as CDK writes a parameter's ARN. */
function parameterArn(account: string, parameter: RegExp): unknown {
  return {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        `:ssm:${region}:${account}:parameter`,
        { Ref: expect.stringMatching(parameter) },
      ],
    ],
  };
}

describe('step 10, split-accounts', () => {
  it('puts the workload stack in the workload account and the others in the networking account', () => {
    const manifest = JSON.parse(readFileSync(join(step.outdir, 'manifest.json'), 'utf8')) as {
      artifacts: Record<string, { type: string; environment?: string }>;
    };
    const environments = Object.fromEntries(
      Object.entries(manifest.artifacts)
        .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
        .map(([id, artifact]) => [id, artifact.environment]),
    );
    expect(environments).toEqual({
      MoatNetwork: `aws://${networking}/${region}`,
      MoatWorkload: `aws://${workload}/${region}`,
      MoatSpokeRouting: `aws://${networking}/${region}`,
    });
  });

  it('shares the Transit Gateway and its ID parameter in one RAM share, and accepts the attachment', () => {
    const template = templateOf(step, 'MoatNetwork');
    const shares = Object.values(template.findResources('AWS::RAM::ResourceShare'));
    expect(shares.map((share) => share.Properties)).toEqual([
      {
        Name: 'moat-hub',
        Principals: [workload],
        AllowExternalPrincipals: true,
        ResourceArns: [
          {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                `:ec2:${region}:${networking}:transit-gateway/`,
                { Ref: expect.stringMatching(/^HubTransitGateway/) },
              ],
            ],
          },
          parameterArn(networking, /^TransitGatewayIdParameter/),
        ],
      },
    ]);
    template.hasResourceProperties('AWS::EC2::TransitGateway', { AutoAcceptSharedAttachments: 'enable' });
  });

  it('shares the attachment ID parameter back in the one share of the workload account: two invitations at most', () => {
    const shares = Object.values(templateOf(step, 'MoatWorkload').findResources('AWS::RAM::ResourceShare'));
    expect(shares.map((share) => share.Properties)).toEqual([
      {
        Name: 'moat-workload',
        Principals: [networking],
        AllowExternalPrincipals: true,
        ResourceArns: [parameterArn(workload, /^ContainerAttachmentIdParameter/)],
      },
    ]);
  });

  it('passes the TGW ID and the attachment ID across accounts as RAM-shared advanced SSM parameters, read by ARN', () => {
    templateOf(step, 'MoatNetwork').hasResourceProperties('AWS::SSM::Parameter', {
      Name: SHARED_PARAMETER.transitGatewayId,
      Tier: 'Advanced',
    });
    templateOf(step, 'MoatWorkload').hasResourceProperties('AWS::SSM::Parameter', {
      Name: SHARED_PARAMETER.containerAttachmentId,
      Tier: 'Advanced',
    });
    templateOf(step, 'MoatWorkload').hasResourceProperties('AWS::RAM::ResourceShare', {
      Principals: [networking],
    });
    expect(jsonOf(step, 'MoatWorkload').Parameters?.TransitGatewayId?.Default).toBe(
      `arn:aws:ssm:${region}:${networking}:parameter${SHARED_PARAMETER.transitGatewayId}`,
    );
    expect(jsonOf(step, 'MoatSpokeRouting').Parameters?.ContainerAttachmentId?.Default).toBe(
      `arn:aws:ssm:${region}:${workload}:parameter${SHARED_PARAMETER.containerAttachmentId}`,
    );
    for (const json of Object.values(step.json)) {
      expect(JSON.stringify(json)).not.toContain('Fn::ImportValue');
    }
  });

  it('keeps every resource of step 9 under the same logical ID, adding only the RAM shares', () => {
    for (const stackId of Object.keys(previous.json)) {
      const before = new Set(Object.keys(jsonOf(previous, stackId).Resources));
      const after = Object.entries(jsonOf(step, stackId).Resources);
      const added = after.filter(([id]) => !before.has(id)).map(([, resource]) => resource.Type);
      const kept = after.filter(([id]) => before.has(id)).length;
      expect(kept).toBe(before.size);
      expect(added.every((type) => type === 'AWS::RAM::ResourceShare')).toBe(true);
    }
  });
});
