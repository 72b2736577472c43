import type { Source } from '../../model/types.js';
import type { Finding, Invariant, Severity } from '../types.js';

/** An invariant with what RULES.md prints for it: how bad a violation is and how to fix one. */
export interface Rule extends Invariant {
  readonly severity: Severity;
  readonly fix: string;
}

/** How a finding names a resource: where it lives in the templates, and the CDK construct a user wrote. */
export const describeSource = (source: Source): string =>
  source.constructPath === undefined
    ? `${source.stack}/${source.logicalId}`
    : `${source.stack}/${source.logicalId} (${source.constructPath})`;

/** A violation of `rule` by the resource at `source`; the message says the setting at fault and the fix. */
export const violation = (rule: Rule, source: Source, message: string): Finding => ({
  ruleId: rule.id,
  severity: rule.severity,
  message: `${describeSource(source)}: ${message}`,
  source,
});

/** The rule could not decide for the resource at `source` because a template value is unknown. */
export const undetermined = (rule: Rule, source: Source, reason: string): Finding => ({
  ruleId: rule.id,
  severity: 'warning',
  message: `${describeSource(source)}: cannot check "${rule.title}": ${reason}`,
  source,
  undetermined: true,
});
