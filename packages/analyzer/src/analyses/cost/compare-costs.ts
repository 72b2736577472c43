import type { Source } from '../../model/types.js';
import { type Decimal, decimal, subtract, ZERO } from './decimal.js';
import { InvalidCostOptionError } from './errors.js';
import { groupCostLines, resourceKey } from './group-lines.js';
import { type ChargeKind, type CostLine, type CostReport, money } from './price-inventory.js';

/** One resource's charge that appeared, disappeared or changed from one step to the next. */
export interface LineChange {
  readonly status: 'added' | 'removed' | 'changed';
  readonly resource?: Source;
  readonly charge: ChargeKind;
  readonly what: string;
  /** Absent when the line is new, or when its amount is unknown. */
  readonly previousUsd?: string;
  /** Absent when the line is gone, or when its amount is unknown. */
  readonly currentUsd?: string;
  readonly changeUsd: string;
}

export interface CostDelta {
  /** Absent for the first step. */
  readonly previousTotalUsd?: string;
  readonly currentTotalUsd: string;
  readonly changeUsd: string;
  readonly added: readonly LineChange[];
  readonly removed: readonly LineChange[];
  readonly changed: readonly LineChange[];
  /** The same changes grouped per resource, with each resource's subtotal before and after. */
  readonly resources: readonly ResourceChange[];
  /** False when either report has a line it could not price: the change then covers the known lines only. */
  readonly complete: boolean;
}

/** A resource whose lines changed: its subtotals (absent where it does not exist) and its changed lines. */
export interface ResourceChange {
  readonly status: 'added' | 'removed' | 'changed';
  /** Absent for the account's own lines (data transfer out). */
  readonly resource?: Source;
  readonly previousUsd?: string;
  readonly currentUsd?: string;
  readonly changeUsd: string;
  readonly lines: readonly LineChange[];
}

export interface CompareCostsOptions {
  /**
   * Compare reports priced for different regions, each line at its own region's prices: two designs, where
   * the region is one of the choices. Without it, a region mismatch is refused, as between two steps.
   */
  readonly acrossRegions?: boolean;
}

/** The change from the previous step: lines are matched by resource (stack and logical ID) and charge. */
export function compareCosts(
  previous: CostReport | undefined,
  current: CostReport,
  options: CompareCostsOptions = {},
): CostDelta {
  const sameRegion = options.acrossRegions === true || previous?.region === current.region;
  if (previous && (!sameRegion || previous.hoursPerMonth !== current.hoursPerMonth)) {
    throw new InvalidCostOptionError(
      'comparison',
      {
        previous: [previous.region, previous.hoursPerMonth],
        current: [current.region, current.hoursPerMonth],
      },
      'two reports priced for the same region and hours per month',
    );
  }
  const before = byKey(previous?.lines ?? []);
  const after = byKey(current.lines);
  const added: LineChange[] = [];
  const changed: LineChange[] = [];
  for (const [key, line] of after) {
    const old = before.get(key);
    if (!old) added.push(change('added', line, undefined, line));
    else if (amount(old) !== amount(line)) changed.push(change('changed', line, old, line));
  }
  const removed = [...before]
    .filter(([key]) => !after.has(key))
    .map(([, line]) => change('removed', line, line, undefined));
  const previousTotal = previous ? decimal(previous.totalUsd) : ZERO;
  return {
    ...(previous ? { previousTotalUsd: previous.totalUsd } : {}),
    currentTotalUsd: current.totalUsd,
    changeUsd: money(subtract(decimal(current.totalUsd), previousTotal)),
    added,
    removed,
    changed,
    resources: resourceChanges(previous?.lines ?? [], current.lines, [...added, ...changed, ...removed]),
    complete: current.complete && (previous?.complete ?? true),
  };
}

function byKey(lines: readonly CostLine[]): Map<string, CostLine> {
  return new Map(lines.map((line) => [`${resourceKey(line.resource)} ${line.charge}`, line]));
}

/** Per resource, in the order resources appear after the change, then those removed. */
function resourceChanges(
  previous: readonly CostLine[],
  current: readonly CostLine[],
  changes: readonly LineChange[],
): ResourceChange[] {
  const before = new Map(groupCostLines(previous).map((group) => [resourceKey(group.resource), group]));
  const after = new Map(groupCostLines(current).map((group) => [resourceKey(group.resource), group]));
  const keys = [...new Set([...after.keys(), ...before.keys()])];
  return keys.flatMap((key): ResourceChange[] => {
    const lines = changes.filter((line) => resourceKey(line.resource) === key);
    if (lines.length === 0) return [];
    const old = before.get(key);
    const now = after.get(key);
    const resource = now?.resource ?? old?.resource;
    return [
      {
        status: old === undefined ? 'added' : now === undefined ? 'removed' : 'changed',
        ...(resource ? { resource } : {}),
        ...(old ? { previousUsd: old.subtotalUsd } : {}),
        ...(now ? { currentUsd: now.subtotalUsd } : {}),
        changeUsd: money(subtract(decimal(now?.subtotalUsd ?? '0'), decimal(old?.subtotalUsd ?? '0'))),
        lines,
      },
    ];
  });
}

function amount(line: CostLine): string | undefined {
  return line.monthlyUsd.known ? line.monthlyUsd.value : undefined;
}

function change(
  status: LineChange['status'],
  line: CostLine,
  previous: CostLine | undefined,
  current: CostLine | undefined,
): LineChange {
  const before = previous && amount(previous);
  const after = current && amount(current);
  const value = (text: string | undefined): Decimal => (text === undefined ? ZERO : decimal(text));
  return {
    status,
    ...(line.resource ? { resource: line.resource } : {}),
    charge: line.charge,
    what: line.what,
    ...(before === undefined ? {} : { previousUsd: before }),
    ...(after === undefined ? {} : { currentUsd: after }),
    changeUsd: money(subtract(value(after), value(before))),
  };
}
