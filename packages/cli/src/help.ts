import type { AnyCommand } from './command.js';
import type { CommandEntry } from './commands/index.js';
import { formatColumns } from './format/columns.js';

export function globalHelp(commands: readonly CommandEntry[]): string {
  return [
    'moat: the enterprise container network on AWS, verified before deploy.',
    '',
    'Usage: moat <command> [flags]',
    '',
    'Commands:',
    formatColumns(commands.map((command) => [command.name, command.description])),
    '',
    'Run "moat <command> --help" for its flags, "moat --version" for the version. Start with "moat plan".',
    '',
  ].join('\n');
}

export function commandHelp(entry: CommandEntry, command: AnyCommand): string {
  const flags = Object.entries(command.args).map(([name, spec]) => [
    spec.type === 'positionals'
      ? (spec.valueName ?? name)
      : spec.valueName === undefined
        ? `--${name}`
        : `--${name} ${spec.valueName}`,
    spec.repeatable ? `${spec.description} (repeatable)` : spec.description,
  ]);
  flags.push(['--help', 'show this help']);
  const lines = [
    entry.description,
    '',
    'Usage:',
    ...command.usage.map((form) => `  moat ${form}`),
    '',
    Object.values(command.args).some((spec) => spec.type === 'positionals')
      ? 'Arguments and flags:'
      : 'Flags:',
    formatColumns(flags),
  ];
  if (command.exitCodes !== undefined) {
    lines.push('', 'Exit codes:', ...command.exitCodes.map((line) => `  ${line}`));
  }
  if (command.examples !== undefined) {
    lines.push('', 'Examples:', ...command.examples.map((example) => `  ${example}`));
  }
  return `${lines.join('\n')}\n`;
}
