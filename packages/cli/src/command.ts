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
  /**
   * `pair`: a flag followed by two values, as in `--diff A B`. `positionals`: not a flag but the arguments
   * that are not flags, in order, as in `moat compare A.yaml B.yaml`; at most one per command.
   */
  readonly type: 'string' | 'boolean' | 'pair' | 'positionals';
  readonly description: string;
  /** Shown in help after the flag, as in `--assembly DIR`; for `positionals`, shown alone. */
  readonly valueName?: string;
  /** A string flag that may be given several times; `parse` gets its values as a list, in order. */
  readonly repeatable?: true;
}

export type ArgSpecs = Readonly<Record<string, ArgSpec>>;

export type FlagValue = string | boolean | readonly [string, string] | readonly string[] | undefined;

/** What the parser hands to `parse`: strings for value flags (absent when not given), booleans for switches. */
export type ArgValues<A extends ArgSpecs> = {
  readonly [K in keyof A]: A[K]['type'] extends 'boolean'
    ? boolean
    : A[K]['type'] extends 'pair'
      ? readonly [string, string] | undefined
      : A[K]['type'] extends 'positionals'
        ? readonly string[]
        : A[K]['repeatable'] extends true
          ? readonly string[]
          : string | undefined;
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
  parse(values: Readonly<Record<string, FlagValue>>, io: CommandIo): unknown;
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
