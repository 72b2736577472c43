import { findStep, type Step, steps } from '@moat/infra';
import { UsageError } from './command.js';

/**
 * `all`, or a comma-separated list of step ids, slugs and id ranges: `all`, `7`, `2,5-7`,
 * `network-firewall`. The result is in step order without duplicates.
 */
export function selectSteps(text: string, flag: string): readonly Step[] {
  if (text === 'all') return steps;
  const chosen = new Set<Step>();
  for (const part of text.split(',')) {
    const range = /^(\d+)-(\d+)$/.exec(part.trim());
    const names = range === null ? [part.trim()] : idsBetween(Number(range[1]), Number(range[2]));
    for (const name of names) {
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

function idsBetween(first: number, last: number): string[] {
  const ids: string[] = [];
  for (let id = first; id <= last; id++) ids.push(String(id));
  return ids.length === 0 ? [`${first}-${last}`] : ids;
}
