import type { Source } from '../../model/types.js';
import { type Decimal, decimal, subtract, ZERO } from './decimal.js';
import { InvalidCostOptionError } from './errors.js';
import { type ChargeKind, type CostLine, type CostReport, money } from './price-inventory.js';

/** One resource's charge that appeared, disappeared or changed from one step to the next. */
export interface LineChange {
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
  /** False when either report has a line it could not price: the change then covers the known lines only. */
  readonly complete: boolean;
}

/** The change from the previous step: lines are matched by resource (stack and logical ID) and charge. */
export function compareCosts(previous: CostReport | undefined, current: CostReport): CostDelta {
  if (previous && (previous.region !== current.region || previous.hoursPerMonth !== current.hoursPerMonth)) {
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
    if (!old) added.push(change(line, undefined, line));
    else if (amount(old) !== amount(line)) changed.push(change(line, old, line));
  }
  const removed = [...before]
    .filter(([key]) => !after.has(key))
    .map(([, line]) => change(line, line, undefined));
  const previousTotal = previous ? decimal(previous.totalUsd) : ZERO;
  return {
    ...(previous ? { previousTotalUsd: previous.totalUsd } : {}),
    currentTotalUsd: current.totalUsd,
    changeUsd: money(subtract(decimal(current.totalUsd), previousTotal)),
    added,
    removed,
    changed,
    complete: current.complete && (previous?.complete ?? true),
  };
}

function byKey(lines: readonly CostLine[]): Map<string, CostLine> {
  return new Map(
    lines.map((line) => [
      `${line.resource ? `${line.resource.stack}/${line.resource.logicalId}` : ''} ${line.charge}`,
      line,
    ]),
  );
}

function amount(line: CostLine): string | undefined {
  return line.monthlyUsd.known ? line.monthlyUsd.value : undefined;
}

function change(line: CostLine, previous: CostLine | undefined, current: CostLine | undefined): LineChange {
  const before = previous && amount(previous);
  const after = current && amount(current);
  const value = (text: string | undefined): Decimal => (text === undefined ? ZERO : decimal(text));
  return {
    ...(line.resource ? { resource: line.resource } : {}),
    charge: line.charge,
    what: line.what,
    ...(before === undefined ? {} : { previousUsd: before }),
    ...(after === undefined ? {} : { currentUsd: after }),
    changeUsd: money(subtract(value(after), value(before))),
  };
}
