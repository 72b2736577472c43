/**
 * The shape every `moat` command shares (citty / nuxi style): `usage` and `args` for help and parsing,
 * `parse` to turn raw flags into typed options, and `run`, which takes those options and an output sink
 * and returns an exit code. Nothing here touches `process`, so a command runs in-process in a test.
 * Names and one-line descriptions live in the registry (commands/index.ts), which loads a command only
 * when it runs.
 */

/** 0: everything holds. 1: a check failed (a flow or an invariant). 2: bad usage or unreadable input. */
export type ExitCode = 0 | 1 | 2;

export interface Writer {
  write(text: string): void;
}

export interface CommandIo {
  readonly stdout: Writer;
  readonly stderr: Writer;
  /** Whether stderr is a terminal: progress is shown only there, so pipes and `--json` stay clean. */
  readonly isTTY: boolean;
  /** Relative paths in flags resolve against this directory. */
  readonly cwd: string;
}

export interface ArgSpec {
  readonly type: 'string' | 'boolean';
  readonly description: string;
  /** Shown in help after the flag, as in `--assembly DIR`. */
  readonly valueName?: string;
}

export type ArgSpecs = Readonly<Record<string, ArgSpec>>;

/** What the parser hands to `parse`: strings for value flags (absent when not given), booleans for switches. */
export type ArgValues<A extends ArgSpecs> = {
  readonly [K in keyof A]: A[K]['type'] extends 'boolean' ? boolean : string | undefined;
};

export interface Command<A extends ArgSpecs, O> {
  /** One line per form, without the leading `moat`. */
  readonly usage: readonly string[];
  /** Shown after the flags in `moat <cmd> --help`. */
  readonly examples?: readonly string[];
  /** What each exit code means for this command, one line each, shown in `moat <cmd> --help`. */
  readonly exitCodes?: readonly string[];
  readonly args: A;
  /** Validates the flags and returns typed options; throws `UsageError` for a user mistake. */
  parse(values: ArgValues<A>, io: CommandIo): O;
  run(options: O, io: CommandIo): Promise<ExitCode>;
}

/** A progress line for long work: on a terminal only, so pipes and `--json` output stay clean. */
export function reportProgress(io: CommandIo, message: string): void {
  if (io.isTTY) io.stderr.write(`${message}\n`);
}

/** Any command, for the registry: the options type is private to each command. */
export interface AnyCommand {
  readonly usage: readonly string[];
  readonly examples?: readonly string[];
  readonly exitCodes?: readonly string[];
  readonly args: ArgSpecs;
  parse(values: Readonly<Record<string, string | boolean | undefined>>, io: CommandIo): unknown;
  run(options: never, io: CommandIo): Promise<ExitCode>;
}

/** Infers the flag types from `args`, so `parse` sees `values.port` as `string | undefined`. */
export function defineCommand<const A extends ArgSpecs, O>(command: Command<A, O>): Command<A, O> {
  return command;
}

/**
 * A mistake in how moat was called or in what it was pointed at: exit code 2 and one line on stderr,
 * never a stack trace. The message names the value received and the fix.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
