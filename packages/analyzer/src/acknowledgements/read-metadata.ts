import type { Assembly } from '../assembly/load-assembly.js';
import { isJsonObject, type Json } from '../cfn/template.js';
import {
  ACKNOWLEDGE_METADATA_KEY,
  type Acknowledgement,
  MIN_ACKNOWLEDGEMENT_REASON_LENGTH,
} from './types.js';

export interface TemplateAcknowledgements {
  readonly acknowledgements: readonly Acknowledgement[];
  /** Entries that cannot be used (no rule, no reason, a reason too short): not applied, and said why. */
  readonly problems: readonly string[];
}

const RULE_ID = /^NET\d{3}$/;

/**
 * The acknowledgements resources carry in their template metadata, as the `acknowledge()` helper of
 * @moat/cdk writes them: `"Metadata": { "moat": { "acknowledge": [{ "rule": "NET006", "reason": "…" }] } }`.
 * CloudFormation keeps a resource's Metadata attribute as written:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-metadata.html
 */
export function readTemplateAcknowledgements(assembly: Assembly): TemplateAcknowledgements {
  const acknowledgements: Acknowledgement[] = [];
  const problems: string[] = [];
  for (const stack of assembly.stacks) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources)) {
      const moat = resource.Metadata?.[ACKNOWLEDGE_METADATA_KEY];
      if (moat === undefined) continue;
      const origin = `the metadata of ${stack.name}/${logicalId}`;
      const entries = isJsonObject(moat) ? moat.acknowledge : undefined;
      if (!Array.isArray(entries)) {
        problems.push(
          `${origin}: "${ACKNOWLEDGE_METADATA_KEY}" has no "acknowledge" list; write { "acknowledge": [{ "rule", "reason" }] }`,
        );
        continue;
      }
      entries.forEach((entry: Json, index: number) => {
        const where = `${origin}, acknowledge[${index}]`;
        const problem = entryProblem(entry);
        if (problem !== undefined) {
          problems.push(`${where}: ${problem}`);
          return;
        }
        const { rule, reason } = entry as { rule: string; reason: string };
        acknowledgements.push({
          rule,
          reason: reason.trim(),
          resource: { kind: 'resource', stack: stack.name, logicalId },
          origin: where,
        });
      });
    }
  }
  return { acknowledgements, problems };
}

function entryProblem(entry: Json): string | undefined {
  if (!isJsonObject(entry))
    return `received ${JSON.stringify(entry)}; write { "rule": "NET006", "reason": "…" }`;
  if (typeof entry.rule !== 'string' || !RULE_ID.test(entry.rule)) {
    return `rule ${JSON.stringify(entry.rule ?? null)} is not a rule id; use one such as "NET006" (docs/RULES.md)`;
  }
  if (typeof entry.reason !== 'string' || entry.reason.trim().length < MIN_ACKNOWLEDGEMENT_REASON_LENGTH) {
    return `the reason ${JSON.stringify(entry.reason ?? null)} is missing or shorter than ${MIN_ACKNOWLEDGEMENT_REASON_LENGTH} characters; say why the finding is accepted`;
  }
  return undefined;
}
