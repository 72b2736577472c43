import { findStep, type Step, steps } from '@moat/infra';
import { UsageError } from './command.js';

/**
 * `all`, or a comma-separated list of step ids, slugs and id ranges: `all`, `7`, `2,5-7`,
 * `network-firewall`. The result is in step order without duplicates.
 */
export function selectSteps(text: string, flag: string): readonly Step[] {
  if (text === 'all') return steps;
  const chosen = new Set<Step>();
  for (const part of text.split(',').map((name) => name.trim())) {
    for (const name of expandRange(part, flag)) {
      const step = findStep(name);
      if (step === undefined) {
        throw new UsageError(
          `${flag} received "${text}", but "${name}" is not a step; choose "all" or ids ${steps[0]?.id}–${steps.at(-1)?.id} or slugs (${steps.map((s) => s.slug).join(', ')}), as in ${flag} 2,5-7`,
        );
      }
      chosen.add(step);
    }
  }
  return steps.filter((step) => chosen.has(step));
}

/** `5-7` becomes `5`, `6`, `7`; anything else stays as it is. */
function expandRange(part: string, flag: string): readonly string[] {
  const range = /^(\d+)-(\d+)$/.exec(part);
  if (range === null) return [part];
  const [first, last] = [Number(range[1]), Number(range[2])];
  if (first > last)
    throw new UsageError(
      `${flag} received the range "${part}", which runs backwards; write ${last}-${first}`,
    );
  return Array.from({ length: last - first + 1 }, (_, offset) => String(first + offset));
}
