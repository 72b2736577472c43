import type { Assembly } from '@moat/analyzer';
import {
  type Confirmation,
  type ConfirmedRow,
  DISAGREEMENT_KINDS,
  type Disagreement,
  type DisagreementKind,
  type StackReport,
} from '@moat/confirm';
import type { SarifLog, SarifResult, SarifRule } from './sarif-log.js';
import { fingerprint, type SarifOptions, singleRunLog, sourceLocator, TAGS } from './single-run.js';
import { TemplateLocator } from './template-locations.js';

const KINDS = Object.keys(DISAGREEMENT_KINDS) as DisagreementKind[];
const ruleId = (kind: DisagreementKind | 'stack'): string => `confirm/${kind}`;

/**
 * `moat confirm` as a SARIF log, like `moat verify --format sarif`: one rule per kind of disagreement, one
 * result per disagreement. A result names the flow (and its AZ) and sits on the template resource of the first
 * hop where Reachability Analyzer or the probe and Moat part: the checkpoint where the paths part, else the hop
 * where Moat's trace stops or ends. A stack that is not deployed as the assembly says is a result on its
 * template file, since no flow through it can be confirmed.
 */
export function confirmationToSarif(
  confirmation: Confirmation,
  assembly: Assembly,
  options: SarifOptions,
): SarifLog {
  const locator = new TemplateLocator(options.baseDir);
  const locate = sourceLocator(assembly, locator);
  const rules: SarifRule[] = [...KINDS.map(kindRule), STACK_RULE];
  const results: SarifResult[] = [
    ...confirmation.stacks
      .filter((stack) => stack.state === 'error')
      .map((stack) => stackResult(stack, assembly, locator, rules.length - 1)),
    ...confirmation.rows.flatMap((row) =>
      row.disagreements.map(
        (disagreement): SarifResult => ({
          ruleId: ruleId(disagreement.kind),
          ruleIndex: KINDS.indexOf(disagreement.kind),
          level: 'error',
          message: { text: `${row.id}: ${disagreement.message}` },
          locations: [locate(disagreement.source, partingText(row, disagreement))],
          partialFingerprints: {
            primaryLocationLineHash: fingerprint(
              ruleId(disagreement.kind),
              row.name,
              row.label,
              row.availabilityZone,
            ),
          },
        }),
      ),
    ),
  ];
  return singleRunLog({ ...options, locator, rules, results });
}

function kindRule(kind: DisagreementKind): SarifRule {
  const { title, help, check } = DISAGREEMENT_KINDS[kind];
  const full = `${title}. moat confirm sets Moat's offline verdict of each flow beside what the deployed network does; this check: ${check}.`;
  return {
    id: ruleId(kind),
    name: ruleId(kind),
    shortDescription: { text: title },
    fullDescription: { text: full },
    help: { text: `${full}\n\nHow to fix: ${help}` },
    defaultConfiguration: { level: 'error' },
    properties: { tags: [...TAGS, 'deployed'], precision: 'high', 'problem.severity': 'error' },
  };
}

const STACK_RULE: SarifRule = {
  id: ruleId('stack'),
  name: ruleId('stack'),
  shortDescription: { text: 'A stack of the assembly is not deployed as the assembly says' },
  fullDescription: {
    text: 'moat confirm maps each stack of the assembly onto its account with CloudFormation: a stack that is missing, rolled back, still in progress or drifted cannot confirm the flows through it.',
  },
  help: {
    text: "How to fix: deploy the step the assembly was synthesized for, wait until the deployment finishes, or fix the drift; the result's message says which.",
  },
  defaultConfiguration: { level: 'error' },
  properties: { tags: [...TAGS, 'deployed'], precision: 'high', 'problem.severity': 'error' },
};

function stackResult(
  stack: StackReport,
  assembly: Assembly,
  locator: TemplateLocator,
  index: number,
): SarifResult {
  const file = assembly.stacks.find((candidate) => candidate.name === stack.artifact)?.file ?? '';
  return {
    ruleId: STACK_RULE.id,
    ruleIndex: index,
    level: 'error',
    message: {
      text: `stack ${stack.stackName} in account ${stack.account} ${stack.region}: ${stack.notes.join('; ')}`,
    },
    locations: [locator.locateFile(file)],
    partialFingerprints: { primaryLocationLineHash: fingerprint(STACK_RULE.id, stack.artifact) },
  };
}

/** The location's own message: which hop this is for the row. */
function partingText(row: ConfirmedRow, disagreement: Disagreement): string {
  const where = row.availabilityZone === undefined ? '' : ` from ${row.availabilityZone}`;
  if (disagreement.kind === 'ra-different-hop')
    return `the first hop where Moat's path${where} and Reachability Analyzer's part`;
  if (
    disagreement.kind === 'ra-not-reachable' &&
    row.reachability.kind === 'not reachable' &&
    row.reachability.blockedAt
  )
    return `where Reachability Analyzer stops the flow${where}: ${row.reachability.explanation}`;
  return `where Moat's trace${where} ${row.offline.disposition === 'ACCEPTED' ? 'ends' : 'stops'} (${row.offline.disposition})`;
}
