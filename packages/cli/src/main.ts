import { InputError, InvalidCostOptionError, UnknownRegionError } from '@moat/analyzer';
import { closestMatch } from '@moat/infra/closest-match';
import { parseFlags } from './args.js';
import { type CommandIo, type ExitCode, UsageError } from './command.js';
import { type CommandEntry, commands } from './commands/index.js';
import { commandHelp, globalHelp } from './help.js';
import { MOAT_VERSION } from './version.js';

/** Errors a user causes and can fix: their message is the whole story, so no stack trace. */
const USER_ERRORS = [UsageError, InputError, UnknownRegionError, InvalidCostOptionError];

/**
 * Runs one `moat` invocation: picks the command, parses its flags and runs it. Every user mistake ends
 * here as one line on stderr and exit code 2; anything else is a bug and keeps its stack trace.
 */
export async function runCli(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(globalHelp(commands));
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(globalHelp(commands));
    return 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout.write(`moat ${MOAT_VERSION}\n`);
    return 0;
  }
  const entry = commands.find((candidate) => candidate.name === name);
  if (entry === undefined) {
    const names = commands.map((command) => command.name);
    const suggestion = closestMatch(name.replace(/^-+/, ''), names);
    const guess = suggestion === undefined ? '' : `did you mean "${suggestion}"? `;
    io.stderr.write(
      `moat: unknown command "${name}"; ${guess}choose one of ${names.join(', ')} (moat --help)\n`,
    );
    return 2;
  }
  try {
    return await parseAndRun(entry, rest, io);
  } catch (error) {
    if (error instanceof Error && USER_ERRORS.some((type) => error instanceof type)) {
      io.stderr.write(`moat ${name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function parseAndRun(entry: CommandEntry, argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const command = await entry.load();
  const { help, ...values } = parseFlags(command.args, argv);
  if (help === true) {
    io.stdout.write(commandHelp(entry, command));
    return 0;
  }
  const options = command.parse(values, io);
  // Each command's options type is private to it; `parse` and `run` come from the same object.
  return command.run(options as never, io);
}

/** The process entry point used by bin/moat.js. */
export function main(argv: readonly string[]): Promise<ExitCode> {
  return runCli(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: process.stderr.isTTY === true,
    cwd: process.cwd(),
  });
}
