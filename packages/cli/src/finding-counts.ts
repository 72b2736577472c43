import type { Finding } from '@moat/analyzer';

export interface FindingCounts {
  /** Errors not acknowledged: each one fails the verification. */
  readonly errors: number;
  /** Warnings not acknowledged. */
  readonly warnings: number;
  /** Findings of either severity that an acknowledgement covers: shown, not counted above. */
  readonly acknowledged: number;
}

/** How the findings count towards the verdict: acknowledged ones are set apart. */
export function countFindings(findings: readonly Finding[]): FindingCounts {
  const open = findings.filter((finding) => finding.acknowledgement === undefined);
  const errors = open.filter((finding) => finding.severity === 'error').length;
  return { errors, warnings: open.length - errors, acknowledged: findings.length - open.length };
}
