/**
 * Three-valued logic for rule matching: a condition holds, does not hold, or depends on something the
 * templates do not say (a host's address, a country, a regular expression), with the reason.
 */
export type Truth = true | false | { readonly unknown: string };

export const unknownTruth = (reason: string): Truth => ({ unknown: reason });

export const isUnknown = (truth: Truth): truth is { readonly unknown: string } => typeof truth === 'object';

/** All must hold: a certain `false` wins over an unknown, whose reason is kept. */
export function allOf(truths: Iterable<Truth>): Truth {
  let pending: Truth = true;
  for (const truth of truths) {
    if (truth === false) return false;
    if (pending === true && truth !== true) pending = truth;
  }
  return pending;
}

/** One must hold: a certain `true` wins over an unknown. */
export function anyOf(truths: Iterable<Truth>): Truth {
  let pending: Truth = false;
  for (const truth of truths) {
    if (truth === true) return true;
    if (pending === false && truth !== false) pending = truth;
  }
  return pending;
}

export const not = (truth: Truth): Truth => (isUnknown(truth) ? truth : !truth);
