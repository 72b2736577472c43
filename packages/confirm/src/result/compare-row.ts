import type { Source } from '@moat/analyzer';
import type { FlowRow } from '../flow-rows.js';
import type { AlertCheck } from '../live/firewall-alerts.js';
import type { AnalyzerVerdict, Divergence } from '../reachability/judge-analysis.js';
import {
  type ConfirmedRow,
  type Disagreement,
  type LiveVerdict,
  offlineOpen,
  rowStatus,
} from './confirmation.js';
import { DISAGREEMENT_KINDS, type DisagreementKind } from './disagreement-kinds.js';

/** The verdicts of one row set side by side: each way RA or a probe can contradict Moat is a disagreement. */
export function compareRow(
  row: FlowRow,
  reachability: AnalyzerVerdict,
  live: LiveVerdict,
  alert?: AlertCheck,
): ConfirmedRow {
  const { trace } = row;
  const open = offlineOpen(trace.disposition);
  const disagreements: Disagreement[] = [];
  const disagree = (kind: DisagreementKind, message: string, source: Source | undefined) =>
    disagreements.push({
      check: DISAGREEMENT_KINDS[kind].check,
      kind,
      message,
      ...(source === undefined ? {} : { source }),
    });
  const decisive = trace.disposition !== 'UNKNOWN';
  const lastHop = trace.hops.at(-1)?.node;
  if (decisive && reachability.kind === 'not reachable' && open) {
    disagree(
      'ra-not-reachable',
      `Reachability Analyzer finds no path (${reachability.explanation}) where Moat says ACCEPTED through ${trace.hops.length} hops`,
      reachability.blockedAt ?? lastHop,
    );
  }
  if (decisive && reachability.kind === 'reachable' && !open) {
    disagree(
      'ra-reachable',
      `Reachability Analyzer finds a path where Moat says ${trace.disposition}${trace.reason ? ` (${trace.reason})` : ''}`,
      lastHop,
    );
  }
  const divergence =
    reachability.kind === 'reachable' || reachability.kind === 'undecided'
      ? reachability.divergence
      : undefined;
  if (divergence !== undefined && (open || reachability.kind === 'undecided')) {
    disagree('ra-different-hop', describeDivergence(divergence), divergence.moat?.source);
  }
  if (decisive && live.kind === 'got through' && !open) {
    disagree(
      'probe-got-through',
      `the probe got through (${live.detail}) where Moat says ${trace.disposition}${trace.reason ? `: ${trace.reason}` : ''}`,
      lastHop,
    );
  }
  if (live.kind === 'got through' && live.publicAddress !== undefined) {
    disagree(
      'probe-public-address',
      `the service name resolved to the public address ${live.publicAddress}, where Moat expects the private address of the VPC endpoint: is private DNS on?`,
      lastHop,
    );
  }
  if (decisive && live.kind === 'got through' && live.wrongAnswer !== undefined && open) {
    disagree(
      'entry-wrong-answer',
      `the entry answered ${live.wrongAnswer}, where the guide expects 200 and a price`,
      lastHop,
    );
  }
  if (alert !== undefined && !alert.logged) disagree('alert-missing', alert.text, lastHop);
  if (decisive && live.kind === 'blocked' && open) {
    disagree('probe-blocked', `the probe was stopped (${live.detail}) where Moat says ACCEPTED`, lastHop);
  }
  return {
    id: row.id,
    name: row.name,
    label: row.label,
    flow: row.flow,
    ...(trace.availabilityZone === undefined ? {} : { availabilityZone: trace.availabilityZone }),
    offline: {
      disposition: trace.disposition,
      ...(trace.reason === undefined ? {} : { reason: trace.reason }),
    },
    reachability,
    live,
    status: rowStatus(trace.disposition, reachability, live, disagreements),
    disagreements,
    notes: [
      ...(alert?.logged === true ? [alert.text] : []),
      ...(reachability.kind === 'reachable' && reachability.note ? [reachability.note] : []),
    ],
  };
}

/** Position, then Moat's side and RA's side, each as its own tool names it. */
export function describeDivergence(divergence: Divergence): string {
  const moat =
    divergence.moat === undefined
      ? 'Moat: (path ends)'
      : `Moat: ${divergence.moat.text}${divergence.moat.id ? ` [${divergence.moat.id}]` : ''}`;
  const analyzer = divergence.analyzer === undefined ? 'RA: (path ends)' : `RA: ${divergence.analyzer.text}`;
  return `the paths part at checkpoint ${divergence.position}: ${moat} | ${analyzer}`;
}
