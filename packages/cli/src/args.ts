import { parseArgs } from 'node:util';
// The config's did-you-mean, without loading aws-cdk-lib for a mistyped flag.
import { closestMatch } from '@moat/infra/closest-match';
import { type ArgSpecs, type FlagValue, UsageError } from './command.js';

export type RawValues = Record<string, FlagValue>;

/**
 * Parses a command's flags with node's `parseArgs`, but in non-strict mode so that every mistake gets
 * moat's own message (the flag received and the flags that exist) instead of node's generic one.
 * `--help` is accepted by every command and reported as `help: true`. Arguments that are not flags go, in
 * order, to the command's `positionals` spec when it has one, and are refused otherwise.
 */
export function parseFlags(specs: ArgSpecs, argv: readonly string[]): RawValues {
  const flagSpecs = Object.entries(specs).filter(([, spec]) => spec.type !== 'positionals');
  const positionals = Object.entries(specs).find(([, spec]) => spec.type === 'positionals')?.[0];
  const options = Object.fromEntries(
    flagSpecs.map(
      ([name, spec]) => [name, { type: spec.type === 'boolean' ? 'boolean' : 'string' }] as const,
    ),
  );
  const { tokens } = parseArgs({
    args: [...argv],
    options: { ...options, help: { type: 'boolean', short: 'h' } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const known = ['help', ...flagSpecs.map(([name]) => name)];
  const values: RawValues = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [
      name,
      spec.type === 'boolean' ? false : spec.repeatable || spec.type === 'positionals' ? [] : undefined,
    ]),
  );
  // A pair flag (`--diff A B`) takes the positional right after its first value as its second.
  let pairWaiting: { name: string; rawName: string; first: string } | undefined;
  for (const token of tokens) {
    if (token.kind === 'positional' && pairWaiting !== undefined) {
      values[pairWaiting.name] = [pairWaiting.first, token.value];
      pairWaiting = undefined;
      continue;
    }
    if (pairWaiting !== undefined) throw pairNeedsTwo(pairWaiting.rawName, pairWaiting.name, specs);
    if (token.kind === 'positional' && positionals !== undefined) {
      values[positionals] = [...((values[positionals] as readonly string[] | undefined) ?? []), token.value];
      continue;
    }
    if (token.kind === 'positional') {
      throw new UsageError(
        `unexpected argument "${token.value}"; flags start with "--" (${listFlags(known)})`,
      );
    }
    if (token.kind !== 'option') continue;
    const spec = token.name === 'help' ? ({ type: 'boolean' } as const) : specs[token.name];
    if (spec === undefined || spec.type === 'positionals') {
      const suggestion = closestMatch(token.name, known);
      const guess = suggestion === undefined ? '' : `did you mean "--${suggestion}"? `;
      throw new UsageError(`unknown option "${token.rawName}"; ${guess}choose one of ${listFlags(known)}`);
    }
    if (spec.type === 'boolean' && token.value !== undefined) {
      throw new UsageError(`${token.rawName} takes no value, received "${token.value}"`);
    }
    if (spec.type !== 'boolean' && (token.value === undefined || token.value === '')) {
      throw new UsageError(`${token.rawName} needs a value, as in "${usageOf(token.name, specs)}"`);
    }
    if (spec.type !== 'boolean' && token.inlineValue !== true && token.value?.startsWith('-') === true) {
      // Non-strict parseArgs would take the next flag as this one's value.
      throw new UsageError(
        `${token.rawName} needs a value, received the flag "${token.value}"; write "${usageOf(token.name, specs)}"`,
      );
    }
    const previous = values[token.name];
    if ('repeatable' in spec && spec.repeatable) {
      values[token.name] = [...((previous as readonly string[] | undefined) ?? []), token.value ?? ''];
      continue;
    }
    if (spec.type !== 'boolean' && previous !== undefined) {
      throw new UsageError(`${token.rawName} was given twice; give it once`);
    }
    if (spec.type === 'pair')
      pairWaiting = { name: token.name, rawName: token.rawName, first: token.value ?? '' };
    else values[token.name] = spec.type === 'boolean' ? true : token.value;
  }
  if (pairWaiting !== undefined) throw pairNeedsTwo(pairWaiting.rawName, pairWaiting.name, specs);
  return values;
}

function pairNeedsTwo(rawName: string, name: string, specs: ArgSpecs): UsageError {
  return new UsageError(`${rawName} needs two values, as in "${usageOf(name, specs)}"`);
}

function listFlags(names: readonly string[]): string {
  return names.map((name) => `--${name}`).join(', ');
}

function usageOf(name: string, specs: ArgSpecs): string {
  return `--${name} ${specs[name]?.valueName ?? 'VALUE'}`;
}
