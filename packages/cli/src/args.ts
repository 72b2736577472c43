import { parseArgs } from 'node:util';
// The config's did-you-mean, without loading aws-cdk-lib for a mistyped flag.
import { closestMatch } from '@moat/infra/closest-match';
import { type ArgSpecs, UsageError } from './command.js';

export type RawValues = Record<string, string | boolean | undefined>;

/**
 * Parses a command's flags with node's `parseArgs`, but in non-strict mode so that every mistake gets
 * moat's own message (the flag received and the flags that exist) instead of node's generic one.
 * `--help` is accepted by every command and reported as `help: true`.
 */
export function parseFlags(specs: ArgSpecs, argv: readonly string[]): RawValues {
  const options = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, { type: spec.type }] as const),
  );
  const { tokens } = parseArgs({
    args: [...argv],
    options: { ...options, help: { type: 'boolean', short: 'h' } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const known = ['help', ...Object.keys(specs)];
  const values: RawValues = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, spec.type === 'boolean' ? false : undefined]),
  );
  for (const token of tokens) {
    if (token.kind === 'positional') {
      throw new UsageError(
        `unexpected argument "${token.value}"; flags start with "--" (${listFlags(known)})`,
      );
    }
    if (token.kind !== 'option') continue;
    const spec = token.name === 'help' ? ({ type: 'boolean' } as const) : specs[token.name];
    if (spec === undefined) {
      const suggestion = closestMatch(token.name, known);
      const guess = suggestion === undefined ? '' : `did you mean "--${suggestion}"? `;
      throw new UsageError(`unknown option "${token.rawName}"; ${guess}choose one of ${listFlags(known)}`);
    }
    if (spec.type === 'boolean' && token.value !== undefined) {
      throw new UsageError(`${token.rawName} takes no value, received "${token.value}"`);
    }
    if (spec.type === 'string' && (token.value === undefined || token.value === '')) {
      throw new UsageError(`${token.rawName} needs a value, as in "${usageOf(token.name, specs)}"`);
    }
    if (spec.type === 'string' && token.inlineValue !== true && token.value?.startsWith('-') === true) {
      // Non-strict parseArgs would take the next flag as this one's value.
      throw new UsageError(
        `${token.rawName} needs a value, received the flag "${token.value}"; write "${usageOf(token.name, specs)}"`,
      );
    }
    if (spec.type === 'string' && values[token.name] !== undefined) {
      throw new UsageError(`${token.rawName} was given twice; give it once`);
    }
    values[token.name] = spec.type === 'boolean' ? true : token.value;
  }
  return values;
}

function listFlags(names: readonly string[]): string {
  return names.map((name) => `--${name}`).join(', ');
}

function usageOf(name: string, specs: ArgSpecs): string {
  return `--${name} ${specs[name]?.valueName ?? 'VALUE'}`;
}
