import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { acknowledge, MoatValidation } from '../src/index.js';
import { smallApp, worldOpenTaskGroup } from './small-app.js';

/** The parts of cdk.out/validation-report.json, CDK's policy validation report, that the tests read. */
interface ValidationReport {
  readonly pluginReports: readonly {
    readonly pluginName: string;
    readonly conclusion: string;
    readonly violations: readonly object[];
  }[];
}

const reportOf = (outdir: string) =>
  JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;

describe('MoatValidation in cdk synth', () => {
  it('passes a clean app: a VPC with flow logs and nothing open', () => {
    const small = smallApp();
    Validations.of(small.app).addPlugins(new MoatValidation());
    const assembly = small.app.synth();
    expect(assembly.stacks.map((stack) => stack.stackName)).toEqual(['Shop']);
  });

  it('fails the synthesis on a task security group open to the internet, with the exact Moat finding on its construct', () => {
    const small = smallApp();
    worldOpenTaskGroup(small);
    Validations.of(small.app).addPlugins(new MoatValidation());
    expect(() => small.app.synth()).toThrow(
      /ERROR Shop\/TaskSecurityGroup\w+ \(Shop\/TaskSecurityGroup\/Resource\): Shop\/TaskSecurityGroup\w+ allows tcp 8080 from 0\.0\.0\.0\/0, but no public entry serves that port through this group\. .*\(Moat\)/,
    );
    const moat = reportOf(small.app.outdir).pluginReports.find((report) => report.pluginName === 'Moat');
    expect(moat?.conclusion).toBe('failure');
    expect(moat?.violations).toEqual([
      expect.objectContaining({
        ruleName: 'NET006',
        severity: 'error',
        description: expect.stringMatching(
          /^Shop\/TaskSecurityGroup\w+ \(Shop\/TaskSecurityGroup\/Resource\): Shop\/TaskSecurityGroup\w+ allows tcp 8080 from 0\.0\.0\.0\/0, but no public entry serves that port through this group\./,
        ),
        suggestedFix:
          'Allow the port only from the security group of the load balancer or VPC link in front, or from the VPC CIDR.',
        ruleMetadata: {
          title: 'No security group open to the internet on a port that is not a public entry',
          doc: 'docs/RULES.md#net006',
        },
        violatingConstructs: [
          expect.objectContaining({
            constructPath: 'Shop/TaskSecurityGroup/Resource',
            cloudFormationResource: {
              templatePath: 'Shop.template.json',
              logicalId: expect.stringMatching(/^TaskSecurityGroup\w+$/),
            },
          }),
        ],
      }),
    ]);
  });

  it('lets the synthesis pass when the finding is acknowledged with acknowledge(), and writes the reason to the template', () => {
    const small = smallApp();
    const group = worldOpenTaskGroup(small);
    acknowledge(group, {
      rule: 'NET006',
      reason: 'the partner health checker calls 8080 from changing addresses',
    });
    Validations.of(small.app).addPlugins(new MoatValidation());
    const assembly = small.app.synth();
    const template = assembly.getStackByName('Shop').template as {
      Resources: Record<string, { Type: string; Metadata?: Record<string, unknown> }>;
    };
    const groups = Object.values(template.Resources).filter(
      (resource) => resource.Type === 'AWS::EC2::SecurityGroup',
    );
    expect(groups.map((resource) => resource.Metadata?.moat)).toEqual([
      {
        acknowledge: [
          { rule: 'NET006', reason: 'the partner health checker calls 8080 from changing addresses' },
        ],
      },
    ]);
  });

  it("honours CDK's own acknowledgement of the plugin's rule, Validations.of(c).acknowledge({ id: 'Moat::NET006' })", () => {
    const small = smallApp();
    const group = worldOpenTaskGroup(small);
    Validations.of(group).acknowledge({
      id: 'Moat::NET006',
      reason: 'the partner health checker calls 8080',
    });
    Validations.of(small.app).addPlugins(new MoatValidation());
    expect(() => small.app.synth()).not.toThrow();
  });

  it('rejects an acknowledgement without a real reason or of a rule that is no Moat id', () => {
    const small = smallApp();
    const group = worldOpenTaskGroup(small);
    expect(() => acknowledge(group, { rule: 'NET006', reason: ' ok ' })).toThrow(
      'acknowledge(): the reason for NET006 on Shop/TaskSecurityGroup is "ok"; say why the finding is accepted in at least 10 characters',
    );
    expect(() => acknowledge(group, { rule: 'AwsSolutions-EC23', reason: 'a long enough reason' })).toThrow(
      'acknowledge(): rule "AwsSolutions-EC23" is not a Moat rule id; use one such as "NET006" (docs/RULES.md)',
    );
  });
});
