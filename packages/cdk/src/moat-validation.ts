import { basename, dirname } from 'node:path';
import {
  buildModel,
  type FailedFlow,
  type Finding,
  failedFlows,
  invariants,
  loadStackTemplates,
  readTemplateAcknowledgements,
  type Source,
  type StackTemplateFile,
  verifyModel,
} from '@moat/analyzer';
import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyViolation,
} from 'aws-cdk-lib';
import packageJson from '../package.json' with { type: 'json' };

/**
 * Moat as a CDK policy-validation plugin, the interface cdk-nag 3 implements (`IPolicyValidationPlugin`):
 *
 * ```ts
 * Validations.of(app).addPlugins(new MoatValidation());
 * ```
 *
 * During `cdk synth` it reads the synthesized templates, builds the network model, traces the standard
 * flows from every AZ, checks every invariant and simulates the loss of each AZ, as `moat verify` does.
 * Each unacknowledged finding, each flow not as expected and each flow an AZ loss stops is a violation on
 * the resource at fault; any error fails the synthesis. Findings are acknowledged with `acknowledge()` (template
 * metadata, which `moat verify` reads too) or with CDK's own `Validations.of(c).acknowledge({ id: 'Moat::NET006', reason })`.
 */
export class MoatValidation implements IPolicyValidationPlugin {
  readonly name = 'Moat';
  readonly version: string = packageJson.version;
  readonly ruleIds: string[] = invariants.map((rule) => rule.id);

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const files = context.stackTemplates.map(
      (stack): StackTemplateFile => ({
        name: basename(stack.templatePath, '.template.json'),
        file: stack.templatePath,
        ...(stack.accountId === undefined ? {} : { account: stack.accountId }),
        ...(stack.region === undefined ? {} : { region: stack.region }),
      }),
    );
    const assembly = loadStackTemplates(dirname(files[0]?.file ?? '.'), files);
    const templates = new Map(files.map((file) => [file.name, file.file]));
    const acknowledgements = readTemplateAcknowledgements(assembly);
    const verification = verifyModel(buildModel(assembly), [], {
      acknowledgements: acknowledgements.acknowledgements,
    });
    const resource = (source: Source | undefined) => {
      const templatePath = source === undefined ? undefined : templates.get(source.stack);
      return source === undefined || templatePath === undefined
        ? []
        : [{ resourceLogicalId: source.logicalId, templatePath, locations: [] }];
    };
    const violations: PolicyViolation[] = [
      ...verification.findings
        .filter((finding) => finding.acknowledgement === undefined)
        .map((finding) => findingViolation(finding, resource(finding.source))),
      ...failedFlows(verification).map((failed) => flowViolation(failed, resource(failed.at))),
    ];
    return {
      success: verification.holds,
      violations,
      pluginVersion: this.version,
      metadata: {
        acknowledged: String(
          verification.findings.length -
            verification.findings.filter((f) => f.acknowledgement === undefined).length,
        ),
        ...(acknowledgements.problems.length === 0
          ? {}
          : { acknowledgementProblems: acknowledgements.problems.join('; ') }),
        ...(verification.staleAcknowledgements.length === 0
          ? {}
          : {
              staleAcknowledgements: verification.staleAcknowledgements
                .map((stale) => stale.message)
                .join('; '),
            }),
      },
    };
  }
}

type ViolatingResources = PolicyViolation['violatingResources'];

function findingViolation(finding: Finding, violatingResources: ViolatingResources): PolicyViolation {
  const rule = invariants.find((candidate) => candidate.id === finding.ruleId);
  return {
    ruleName: finding.ruleId,
    description: finding.message,
    severity: finding.severity,
    ...(rule === undefined
      ? {}
      : {
          fix: rule.fix,
          ruleMetadata: { title: rule.title, doc: `docs/RULES.md#${rule.id.toLowerCase()}` },
        }),
    violatingResources,
  };
}

function flowViolation(failed: FailedFlow, violatingResources: ViolatingResources): PolicyViolation {
  return {
    ruleName: failed.ruleId,
    description: failed.message,
    severity: 'error',
    fix: 'Fix the setting the description names; "moat trace" prints every hop of the flow.',
    violatingResources,
  };
}
