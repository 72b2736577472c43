import {
  type Assembly,
  describeFlow,
  type FailedFlow,
  type Finding,
  type FlowResult,
  failedFlows,
  type Hop,
  invariants,
  type Rule,
  type Source,
} from '@moat/analyzer';
import type { Verification } from '../verification.js';
import type { SarifLevel, SarifLocation, SarifLog, SarifResult, SarifRule } from './sarif-log.js';
import { fingerprint, type SarifOptions, singleRunLog, sourceLocator, TAGS } from './single-run.js';
import { TemplateLocator } from './template-locations.js';

/**
 * `moat verify` as a SARIF log for GitHub code scanning: one rule per invariant (its title, rationale and
 * fix), one per flow checked (`flow/<name>`) and one for AZ loss; one result per invariant finding, per
 * flow that is not as expected and per flow an AZ loss stops. A result sits on the resource's logical ID
 * in its template file, with the construct path as its logical location; a flow's hops are its code flow.
 * Acknowledged findings carry a SARIF suppression with their reason.
 */
export function verificationToSarif(
  verification: Verification,
  assembly: Assembly,
  options: SarifOptions,
): SarifLog {
  const locator = new TemplateLocator(options.baseDir);
  const locate = sourceLocator(assembly, locator);

  const rules: SarifRule[] = invariants.map((rule) => invariantRule(rule, options.docsUrl));
  const flowRuleIds = new Map<string, number>();
  for (const flow of verification.flows) {
    if (flowRuleIds.has(flowRuleId(flow))) continue;
    flowRuleIds.set(flowRuleId(flow), rules.length);
    rules.push(flowRule(flow));
  }
  const azLossIndex = rules.length;
  rules.push(AZ_LOSS_RULE);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));

  const results: SarifResult[] = [
    ...verification.findings.map((finding) =>
      findingResult(finding, ruleIndex.get(finding.ruleId) ?? 0, locate(finding.source)),
    ),
    ...failedFlows(verification).map((failed) =>
      flowResult(failed, ruleIndex.get(failed.ruleId) ?? azLossIndex, locate),
    ),
  ];
  return singleRunLog({ ...options, locator, rules, results });
}

function invariantRule(rule: Rule, docsUrl: string | undefined): SarifRule {
  const anchor = rule.id.toLowerCase();
  return {
    id: rule.id,
    name: rule.title,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: {
      text: `${rule.rationale}\n\nHow to fix: ${rule.fix}`,
      markdown: `**${rule.title}**\n\n${rule.rationale}\n\n**How to fix:** ${rule.fix}\n\nSee docs/RULES.md#${anchor}.`,
    },
    ...(docsUrl === undefined ? {} : { helpUri: new URL(`RULES.md#${anchor}`, docsUrl).href }),
    defaultConfiguration: { level: rule.severity },
    properties: { tags: TAGS, precision: 'high', 'problem.severity': rule.severity },
  };
}

const flowRuleId = (flow: FlowResult): string => `flow/${flow.expectation.name}`;

function flowRule(flow: FlowResult): SarifRule {
  const { name, expected } = flow.expectation;
  const what = `${name}: ${describeFlow(flow.expectation.flow)} is ${expected}`;
  const full = `Moat traces this flow hop by hop through the templates (routes, security groups, NACLs, load balancers, the transit gateway, the firewall) from every AZ of its source, and expects ${expected}.`;
  return {
    id: flowRuleId(flow),
    name: flowRuleId(flow),
    shortDescription: { text: what },
    fullDescription: { text: full },
    help: {
      text: `${full}\n\nHow to fix: the result names the hop and the setting where the flow stops or gets through; its code flow lists every hop. Run "moat trace" for the full trace.`,
    },
    defaultConfiguration: { level: 'error' },
    properties: { tags: TAGS, precision: 'high', 'problem.severity': 'error' },
  };
}

const AZ_LOSS_RULE: SarifRule = {
  id: 'az-loss',
  name: 'az-loss',
  shortDescription: { text: 'Every accepted flow survives the loss of any one Availability Zone' },
  fullDescription: {
    text: 'A workload in several AZs claims high availability: with one AZ and everything in it removed, every flow accepted before must still be accepted.',
  },
  help: {
    text: 'Give the path that fails its own resources in every AZ (a NAT gateway, a firewall endpoint, a load balancer subnet per AZ), and route each AZ to its own.',
  },
  defaultConfiguration: { level: 'error' },
  properties: { tags: TAGS, precision: 'high', 'problem.severity': 'error' },
};

function findingResult(finding: Finding, ruleIndex: number, location: SarifLocation): SarifResult {
  const acknowledgement = finding.acknowledgement;
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.severity,
    message: { text: finding.message },
    locations: [location],
    partialFingerprints: {
      primaryLocationLineHash: fingerprint(
        finding.ruleId,
        finding.source?.stack,
        finding.source?.logicalId,
        finding.message,
      ),
    },
    ...(acknowledgement === undefined
      ? {}
      : {
          suppressions: [
            {
              kind: acknowledgement.origin.startsWith('acknowledge[') ? 'external' : 'inSource',
              status: 'accepted',
              justification: acknowledgement.reason,
            },
          ],
        }),
  };
}

function flowResult(
  failed: FailedFlow,
  ruleIndex: number,
  locate: (source: Source | undefined, message?: string) => SarifLocation,
): SarifResult {
  const { trace, expectation } = failed.result;
  return {
    ruleId: failed.ruleId,
    ruleIndex,
    level: 'error' satisfies SarifLevel,
    message: { text: failed.message },
    locations: [locate(failed.at)],
    partialFingerprints: {
      primaryLocationLineHash: fingerprint(
        failed.ruleId,
        expectation.name,
        failed.lostAvailabilityZone,
        trace.availabilityZone,
      ),
    },
    ...(trace.hops.length === 0
      ? {}
      : {
          codeFlows: [
            {
              threadFlows: [
                { locations: trace.hops.map((hop) => ({ location: locate(hop.node, describeHop(hop)) })) },
              ],
            },
          ],
        }),
  };
}

function describeHop(hop: Hop): string {
  const az = hop.availabilityZone === undefined ? '' : ` (${hop.availabilityZone})`;
  return `${hop.kind}${az}: ${hop.steps.map((step) => `${step.action} ${step.detail}`).join('; ')}`;
}
