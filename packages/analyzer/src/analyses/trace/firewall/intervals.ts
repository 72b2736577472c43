import type { AddressRange } from '../../../model/ip.js';
import { type Truth, unknownTruth } from './truth.js';

/** A set of integers (IPv4 addresses, ports) as sorted, disjoint, non-adjacent inclusive ranges. */
export type Intervals = readonly AddressRange[];

export const NO_INTERVALS: Intervals = [];

export function intervalsOf(ranges: readonly AddressRange[]): Intervals {
  const sorted = [...ranges].sort((a, b) => a.first - b.first);
  const merged: AddressRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && range.first <= last.last + 1) {
      merged[merged.length - 1] = { first: last.first, last: Math.max(last.last, range.last) };
    } else merged.push(range);
  }
  return merged;
}

export const union = (a: Intervals, b: Intervals): Intervals => intervalsOf([...a, ...b]);

/** Everything in `[0, max]` that is not in the set. */
export function complement(set: Intervals, max: number): Intervals {
  const gaps: AddressRange[] = [];
  let next = 0;
  for (const range of set) {
    if (range.first > next) gaps.push({ first: next, last: range.first - 1 });
    next = range.last + 1;
  }
  if (next <= max) gaps.push({ first: next, last: max });
  return gaps;
}

export const intersect = (a: Intervals, b: Intervals, max: number): Intervals =>
  complement(union(complement(a, max), complement(b, max)), max);

export const isSubset = (inner: Intervals, outer: Intervals, max: number): boolean =>
  intersect(inner, complement(outer, max), max).length === 0;

export const overlaps = (a: Intervals, b: Intervals, max: number): boolean => intersect(a, b, max).length > 0;

/**
 * What a rule's address or port expression is known to contain: at least `lower`, at most `upper`. A
 * known expression has `lower` equal to `upper`; a part Moat cannot resolve (an undefined variable, a
 * prefix list outside the templates) widens the gap and records why.
 */
export interface Bounds {
  readonly lower: Intervals;
  readonly upper: Intervals;
  readonly reasons: readonly string[];
}

export const exactly = (set: Intervals): Bounds => ({ lower: set, upper: set, reasons: [] });

export const unknownBounds = (reason: string, max: number): Bounds => ({
  lower: NO_INTERVALS,
  upper: [{ first: 0, last: max }],
  reasons: [reason],
});

export const unionBounds = (items: readonly Bounds[]): Bounds => ({
  lower: items.reduce((set, item) => union(set, item.lower), NO_INTERVALS),
  upper: items.reduce((set, item) => union(set, item.upper), NO_INTERVALS),
  reasons: items.flatMap((item) => item.reasons),
});

export const complementBounds = (bounds: Bounds, max: number): Bounds => ({
  lower: complement(bounds.upper, max),
  upper: complement(bounds.lower, max),
  reasons: bounds.reasons,
});

export const minusBounds = (from: Bounds, without: Bounds, max: number): Bounds => ({
  lower: intersect(from.lower, complement(without.upper, max), max),
  upper: intersect(from.upper, complement(without.lower, max), max),
  reasons: [...from.reasons, ...without.reasons],
});

/**
 * Whether the value a packet carries is in the set, when all Moat knows is that the value is one of
 * `candidates` (a task somewhere in its subnet, a client's ephemeral port): true when every candidate is
 * in the set, false when none is, else unknown with `doubt` (given the candidates that may be in it) and
 * the reasons the set is not known.
 */
export function memberOf(
  candidates: Intervals,
  bounds: Bounds,
  max: number,
  doubt: (mayBeIn: Intervals) => string,
): Truth {
  if (isSubset(candidates, bounds.lower, max)) return true;
  if (!overlaps(candidates, bounds.upper, max)) return false;
  return unknownTruth([doubt(intersect(candidates, bounds.upper, max)), ...bounds.reasons].join('; '));
}
