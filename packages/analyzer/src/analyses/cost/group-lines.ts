import type { Source } from '../../model/types.js';
import { decimal, sum } from './decimal.js';
import { type CostLine, money } from './price-inventory.js';

/** The lines of one resource, or the account's own lines, with their subtotal: how a bill is read. */
export interface CostGroup {
  /** Absent for the lines AWS bills on the account (data transfer out). */
  readonly resource?: Source;
  readonly lines: readonly CostLine[];
  /** The sum of the known lines, exact; a lower bound when `complete` is false. */
  readonly subtotalUsd: string;
  readonly complete: boolean;
}

/** Groups lines per resource (stack and logical ID), in the order resources first appear; the account last. */
export function groupCostLines(lines: readonly CostLine[]): CostGroup[] {
  const groups = new Map<string, { resource?: Source; lines: CostLine[] }>();
  for (const line of lines) {
    const key = resourceKey(line.resource);
    const group = groups.get(key) ?? { ...(line.resource ? { resource: line.resource } : {}), lines: [] };
    group.lines.push(line);
    groups.set(key, group);
  }
  const ordered = [...groups].sort(([a], [b]) => Number(a === ACCOUNT) - Number(b === ACCOUNT));
  return ordered.map(([, group]) => ({
    ...group,
    subtotalUsd: money(
      sum(group.lines.flatMap((line) => (line.monthlyUsd.known ? [decimal(line.monthlyUsd.value)] : []))),
    ),
    complete: group.lines.every((line) => line.monthlyUsd.known),
  }));
}

const ACCOUNT = '';

/** Lines are matched across reports by this key: stable across syntheses and steps. */
export function resourceKey(resource: Source | undefined): string {
  return resource === undefined ? ACCOUNT : `${resource.stack}/${resource.logicalId}`;
}
