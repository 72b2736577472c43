import { resolve } from 'node:path';
import {
  type Assembly,
  buildModel,
  EmptyAssemblyError,
  loadAssembly,
  type NetworkModel,
  readParameterArguments,
} from '@moat/analyzer';
import { formatIssues, loadConfig, type MoatConfig } from '@moat/infra';
import { type CommandIo, UsageError } from './command.js';

/**
 * Turning flags into typed inputs: each helper either returns a value or throws a `UsageError` whose
 * message names the flag, the value received and the fix.
 */

export function requireFlag(value: string | undefined, flag: string, hint: string): string {
  if (value === undefined) throw new UsageError(`${flag} is required: ${hint}`);
  return value;
}

export function requireAssembly(value: string | undefined): string {
  return requireFlag(
    value,
    '--assembly',
    'give the folder of a synthesized cloud assembly, such as out/steps/7 (write one with "moat synth --step 7")',
  );
}

export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65_535) {
    throw new UsageError(`--port must be an integer from 1 to 65535, received "${text}"`);
  }
  return port;
}

export function parsePositiveNumber(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${flag} must be a positive number, received "${text}"`);
  }
  return value;
}

/** `--region` and the `--parameters` arguments, as the command line gives them. */
export interface TemplateInputs {
  readonly region?: string | undefined;
  readonly parameters?: readonly string[];
}

/** A cloud assembly as read from disk, and the network model built from it. */
export interface AnalysisInput {
  readonly assembly: Assembly;
  readonly model: NetworkModel;
}

/**
 * Reads a cloud assembly or template folder and builds its network model; unreadable input (a template, a
 * parameters file, a parameter the stacks do not declare) surfaces as the analyzer's InputError. An assembly
 * without stacks is most often Moat's own step 1, so the message says so.
 */
export function loadInput(directory: string, io: CommandIo, inputs: TemplateInputs = {}): AnalysisInput {
  try {
    const assembly = loadAssembly(resolve(io.cwd, directory), {
      ...(inputs.region === undefined ? {} : { region: inputs.region }),
      parameters: readParameterArguments(inputs.parameters ?? [], io.cwd),
    });
    return { assembly, model: buildModel(assembly) };
  } catch (error) {
    if (!(error instanceof EmptyAssemblyError)) throw error;
    throw new UsageError(
      `${error.message} Moat's step 1 (local-container) is such an assembly: the container alone, with no AWS. Verify step 2 or later, such as out/steps/2.`,
    );
  }
}

export const loadModel = (directory: string, io: CommandIo, inputs: TemplateInputs = {}): NetworkModel =>
  loadInput(directory, io, inputs).model;

/**
 * The config by the lookup rule the CDK app shares (`--config F`, else MOAT_CONFIG, else the first
 * moat.config.yaml from the working directory upward, else the embedded default); stderr says which. Every
 * problem in the file is reported at once; warnings go to stderr and do not stop the command.
 */
export function loadMoatConfig(path: string | undefined, io: CommandIo): MoatConfig {
  return loadSourcedConfig(path, io).config;
}

/** A config and where it came from. */
export interface SourcedConfig {
  readonly config: MoatConfig;
  /** The file's absolute path, or "embedded default". */
  readonly source: string;
}

/** The config as {@link loadMoatConfig} loads it, and where it came from. */
export function loadSourcedConfig(path: string | undefined, io: CommandIo): SourcedConfig {
  const result = loadConfig(path === undefined ? { cwd: io.cwd } : { cwd: io.cwd, path });
  io.stderr.write(`moat: config ${result.source}\n`);
  if (!result.ok) throw new UsageError(formatIssues(result.issues, result.source));
  if (result.warnings.length > 0) io.stderr.write(`${formatIssues(result.warnings, result.source)}\n`);
  return { config: result.config, source: result.source };
}
