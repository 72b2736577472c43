import type { Trace } from '@moat/analyzer';
import type { FlowRow } from '../flow-rows.js';
import type { AnalyzerVerdict, Divergence } from '../reachability/judge-analysis.js';
import {
  type ConfirmedRow,
  type Disagreement,
  type LiveVerdict,
  offlineOpen,
  rowStatus,
} from './confirmation.js';

/** The verdicts of one row set side by side: each way RA or a probe can contradict Moat is a disagreement. */
export function compareRow(
  row: FlowRow,
  reachability: AnalyzerVerdict,
  live: LiveVerdict,
  notes: readonly string[],
): ConfirmedRow {
  const { trace } = row;
  const open = offlineOpen(trace.disposition);
  const disagreements: Disagreement[] = [];
  const decisive = trace.disposition !== 'UNKNOWN';
  if (decisive && reachability.kind === 'not reachable' && open) {
    disagreements.push({
      check: 'reachability-analyzer',
      kind: 'ra-not-reachable',
      message: `Reachability Analyzer finds no path (${reachability.explanation}) where Moat says ACCEPTED through ${trace.hops.length} hops`,
      ...lastHopSource(trace),
    });
  }
  if (decisive && reachability.kind === 'reachable' && !open) {
    disagreements.push({
      check: 'reachability-analyzer',
      kind: 'ra-reachable',
      message: `Reachability Analyzer finds a path where Moat says ${trace.disposition}${trace.reason ? ` (${trace.reason})` : ''}`,
      ...lastHopSource(trace),
    });
  }
  const divergence =
    reachability.kind === 'reachable' || reachability.kind === 'undecided'
      ? reachability.divergence
      : undefined;
  if (divergence !== undefined && (open || reachability.kind === 'undecided')) {
    disagreements.push({
      check: 'reachability-analyzer',
      kind: 'ra-different-hop',
      message: describeDivergence(divergence),
      ...(divergence.moat?.source === undefined ? {} : { source: divergence.moat.source }),
    });
  }
  if (decisive && live.kind === 'got through' && !open) {
    disagreements.push({
      check: 'live-probe',
      kind: 'probe-got-through',
      message: `the probe got through (${live.detail}) where Moat says ${trace.disposition}${trace.reason ? `: ${trace.reason}` : ''}`,
      ...lastHopSource(trace),
    });
  }
  if (live.kind === 'got through' && live.publicAddress !== undefined) {
    disagreements.push({
      check: 'live-probe',
      kind: 'probe-public-address',
      message: `the service name resolved to the public address ${live.publicAddress}, where Moat expects the private address of the VPC endpoint: is private DNS on?`,
      ...lastHopSource(trace),
    });
  }
  if (decisive && live.kind === 'blocked' && open) {
    disagreements.push({
      check: 'live-probe',
      kind: 'probe-blocked',
      message: `the probe was stopped (${live.detail}) where Moat says ACCEPTED`,
      ...lastHopSource(trace),
    });
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
    notes: [...notes, ...(reachability.kind === 'reachable' && reachability.note ? [reachability.note] : [])],
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

function lastHopSource(trace: Trace): { source?: Disagreement['source'] } {
  const hop = trace.hops.at(-1);
  return hop === undefined ? {} : { source: hop.node };
}
