import { ACKNOWLEDGE_METADATA_KEY, MIN_ACKNOWLEDGEMENT_REASON_LENGTH } from '@moat/analyzer';
import { Aspects, CfnResource, type IAspect } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export interface MoatAcknowledgement {
  /** The invariant, such as `NET006` (docs/RULES.md). */
  readonly rule: string;
  /** Why the finding is accepted, for the reviewer: at least 10 characters, as cdk-nag asks. */
  readonly reason: string;
}

/**
 * Accepts a Moat finding on `scope` and every CloudFormation resource under it, the way cdk-nag users
 * acknowledge a rule: the finding is still reported, with the reason, but no longer fails `moat verify`
 * or `MoatValidation`. It is written to each resource's template metadata
 * (`"moat": { "acknowledge": [{ "rule", "reason" }] }`), so the cdk.out carries it to any reader.
 */
export function acknowledge(scope: IConstruct, acknowledgement: MoatAcknowledgement): void {
  const reason = acknowledgement.reason.trim();
  if (!/^NET\d{3}$/.test(acknowledgement.rule)) {
    throw new Error(
      `acknowledge(): rule "${acknowledgement.rule}" is not a Moat rule id; use one such as "NET006" (docs/RULES.md)`,
    );
  }
  if (reason.length < MIN_ACKNOWLEDGEMENT_REASON_LENGTH) {
    throw new Error(
      `acknowledge(): the reason for ${acknowledgement.rule} on ${scope.node.path} is "${reason}"; say why the finding is accepted in at least ${MIN_ACKNOWLEDGEMENT_REASON_LENGTH} characters`,
    );
  }
  // An aspect, so that resources added to the scope after this call are covered too.
  Aspects.of(scope).add(new AcknowledgeAspect({ rule: acknowledgement.rule, reason }));
}

class AcknowledgeAspect implements IAspect {
  constructor(private readonly acknowledgement: MoatAcknowledgement) {}

  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource)) return;
    const existing = node.getMetadata(ACKNOWLEDGE_METADATA_KEY) as
      | { acknowledge?: MoatAcknowledgement[] }
      | undefined;
    const entries = existing?.acknowledge ?? [];
    if (
      entries.some(
        (entry) => entry.rule === this.acknowledgement.rule && entry.reason === this.acknowledgement.reason,
      )
    )
      return;
    node.addMetadata(ACKNOWLEDGE_METADATA_KEY, {
      ...existing,
      acknowledge: [...entries, this.acknowledgement],
    });
  }
}
