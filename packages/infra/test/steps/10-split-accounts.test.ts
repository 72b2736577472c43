import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
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

  it('shares the Transit Gateway, its ID parameter and the AZ IDs parameter in one RAM share, and accepts the attachment', () => {
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
          parameterArn(networking, /^AvailabilityZoneIdsParameter/),
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

  it('keeps every resource of step 9 under the same logical ID, adding only the RAM shares and the AZ IDs parameter', () => {
    const added = Object.keys(previous.json).flatMap((stackId) => {
      const before = new Set(Object.keys(jsonOf(previous, stackId).Resources));
      const after = Object.entries(jsonOf(step, stackId).Resources);
      expect(after.filter(([id]) => before.has(id)).length).toBe(before.size);
      return after
        .filter(([id]) => !before.has(id))
        .map(([id, resource]) => `${stackId} ${resource.Type} ${id.replace(/[0-9A-F]{8}$/, '')}`);
    });
    expect(added.sort()).toEqual([
      'MoatNetwork AWS::RAM::ResourceShare HubShare',
      'MoatNetwork AWS::SSM::Parameter AvailabilityZoneIdsParameter',
      'MoatWorkload AWS::RAM::ResourceShare ContainerAttachmentIdParameterShare',
    ]);
  });

  it("publishes the AZ ID of each of the networking account's zones, in the config's order", () => {
    templateOf(step, 'MoatNetwork').hasResourceProperties('AWS::SSM::Parameter', {
      Name: SHARED_PARAMETER.availabilityZoneIds,
      Tier: 'Advanced',
      Value: {
        'Fn::Join': [
          ',',
          [
            {
              'Fn::GetAtt': [Match.stringLikeRegexp('^IngressVpcTransitSubnet1Subnet'), 'AvailabilityZoneId'],
            },
            {
              'Fn::GetAtt': [Match.stringLikeRegexp('^IngressVpcTransitSubnet2Subnet'), 'AvailabilityZoneId'],
            },
          ],
        ],
      },
    });
  });

  it("pins every workload subnet by the AZ ID of the networking account's zone, never by a name the workload account maps its own way", () => {
    const workloadJson = jsonOf(step, 'MoatWorkload');
    expect(workloadJson.Parameters?.AvailabilityZoneIds).toEqual({
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: `arn:aws:ssm:${region}:${networking}:parameter${SHARED_PARAMETER.availabilityZoneIds}`,
      Description: `Written by another Moat stack: ${SHARED_PARAMETER.availabilityZoneIds}`,
    });
    const zoneId = (index: number) => ({
      'Fn::Select': [index, { 'Fn::Split': [',', { Ref: 'AvailabilityZoneIds' }] }],
    });
    const subnets = Object.entries(workloadJson.Resources)
      .filter(([, resource]) => resource.Type === 'AWS::EC2::Subnet')
      .map(([id, resource]) => [
        id.replace(/[0-9A-F]{8}$/, ''),
        resource.Properties?.AvailabilityZone,
        resource.Properties?.AvailabilityZoneId,
      ]);
    expect(subnets).toEqual([
      ['ContainerVpcPrivateSubnet1Subnet', undefined, zoneId(0)],
      ['ContainerVpcPrivateSubnet2Subnet', undefined, zoneId(1)],
      ['ContainerVpcTransitSubnet1Subnet', undefined, zoneId(0)],
      ['ContainerVpcTransitSubnet2Subnet', undefined, zoneId(1)],
    ]);
  });

  it("places the networking account's subnets by its own AZ names, which key the firewall's EndpointIds", () => {
    const names = Object.values(jsonOf(step, 'MoatNetwork').Resources)
      .filter((resource) => resource.Type === 'AWS::EC2::Subnet')
      .map((resource) => [resource.Properties?.AvailabilityZone, resource.Properties?.AvailabilityZoneId]);
    expect(new Set(names.map((pin) => JSON.stringify(pin)))).toEqual(
      new Set([JSON.stringify(['eu-central-1a', undefined]), JSON.stringify(['eu-central-1b', undefined])]),
    );
  });

  it('keeps the workload subnets placed by name when both roles share one account', () => {
    const oneAccount = synthesizeForTest(10, {
      ...defaultConfig,
      accounts: { networking, workload: networking },
    });
    const pins = Object.values(jsonOf(oneAccount, 'MoatWorkload').Resources)
      .filter((resource) => resource.Type === 'AWS::EC2::Subnet')
      .map((resource) => resource.Properties?.AvailabilityZone);
    expect(pins).toEqual(['eu-central-1a', 'eu-central-1b', 'eu-central-1a', 'eu-central-1b']);
    expect(jsonOf(oneAccount, 'MoatWorkload').Parameters?.AvailabilityZoneIds).toBeUndefined();
  });
});
