import type { Disposition, Flow, Source } from '@moat/analyzer';
import type { StackReport } from '../deployment/map-deployment.js';
import type { AnalyzerVerdict } from '../reachability/judge-analysis.js';
import type { DISAGREEMENT_KINDS, DisagreementKind } from './disagreement-kinds.js';

/** What a live check saw for a row: through, stopped, not run (with why), or failed to run. */
export type LiveVerdict =
  /**
   * `publicAddress`: the host resolved to a public address where Moat expects a VPC endpoint's private one.
   * `wrongAnswer`: the public entry answered, but not with 200 and a price (what came back).
   */
  | {
      readonly kind: 'got through';
      readonly detail: string;
      readonly publicAddress?: string;
      readonly wrongAnswer?: string;
    }
  | { readonly kind: 'blocked'; readonly detail: string }
  | { readonly kind: 'not run'; readonly reason: string }
  | { readonly kind: 'undecided'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * Why a row does not agree, with both sides, and the template resource it points at. One finding per
 * disagreement: the shape a SARIF result takes (a rule id from `check`, a message, a location).
 */
export interface Disagreement {
  readonly check: (typeof DISAGREEMENT_KINDS)[DisagreementKind]['check'];
  readonly kind: DisagreementKind;
  readonly message: string;
  readonly source?: Source;
}

export type RowStatus = 'agree' | 'disagree' | 'unconfirmed';

export interface ConfirmedRow {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly flow: Flow;
  readonly availabilityZone?: string;
  readonly offline: { readonly disposition: Disposition; readonly reason?: string };
  readonly reachability: AnalyzerVerdict;
  readonly live: LiveVerdict;
  readonly status: RowStatus;
  readonly disagreements: readonly Disagreement[];
  /** Facts that do not change the verdict: the firewall alert found for a drop, RA's choice of path. */
  readonly notes: readonly string[];
}

/** Everything `moat confirm` found: the `--json` document, and what the report section and SARIF read. */
export interface Confirmation {
  readonly assembly: string;
  readonly runId: string;
  readonly stacks: readonly StackReport[];
  readonly rows: readonly ConfirmedRow[];
  readonly reachability: {
    readonly analyses: number;
    readonly usd: number;
    readonly priceText: string;
    /** Paths and analyses left in the accounts (`--keep`, or a failed delete). */
    readonly leftBehind: readonly string[];
  };
  readonly probeTasks: readonly {
    readonly availabilityZone: string;
    readonly taskArn?: string;
    readonly failure?: string;
  }[];
  readonly entry?: { readonly url: string; readonly outcome: string; readonly detail: string };
  /** True when every stack is deployed as the assembly says and every row agrees: exit code 0. */
  readonly agree: boolean;
}

/** Moat says the flow gets through. Every other disposition (UNKNOWN aside) says it does not. */
export const offlineOpen = (disposition: Disposition): boolean => disposition === 'ACCEPTED';

/**
 * A row agrees when at least one live check could decide it and none contradicts Moat; it is unconfirmed
 * when no check could decide (RA and the probe both not run or undecided), and Moat's UNKNOWN confirms nothing.
 */
export function rowStatus(
  disposition: Disposition,
  reachability: AnalyzerVerdict,
  live: LiveVerdict,
  disagreements: readonly Disagreement[],
): RowStatus {
  if (disagreements.length > 0) return 'disagree';
  if (disposition === 'UNKNOWN') return 'unconfirmed';
  const decided =
    reachability.kind === 'reachable' ||
    reachability.kind === 'not reachable' ||
    live.kind === 'got through' ||
    live.kind === 'blocked';
  return decided ? 'agree' : 'unconfirmed';
}
