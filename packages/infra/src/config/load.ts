import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { type CostUsage, validateCostUsage } from './cost-usage.js';
import { defaultConfig } from './defaults.js';
import type { ConfigIssue, ConfigResult } from './issues.js';
import { validateConfig } from './validate.js';
import { yamlSyntaxIssues } from './yaml-issues.js';

export const CONFIG_FILE_NAME = 'moat.config.yaml';
/** The environment variable naming a config file, for when no flag does. */
export const CONFIG_ENV_VAR = 'MOAT_CONFIG';
/** The `source` of a result that used no file. */
export const EMBEDDED_DEFAULT_SOURCE = 'embedded default';

export interface LoadConfigOptions {
  /** A config file to read (the `--config` flag, `-c config=`); when it does not exist, that is an issue. */
  readonly path?: string;
  /** Where relative paths resolve and the upward search starts; defaults to the process's working directory. */
  readonly cwd?: string;
  /** Where MOAT_CONFIG is read; defaults to the process's environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export type LoadedConfig = ConfigResult & { readonly source: string };

function failure(
  source: string,
  issue: Omit<ConfigIssue, 'severity'>,
): { readonly ok: false; readonly issues: readonly ConfigIssue[]; readonly source: string } {
  return { ok: false, issues: [{ ...issue, severity: 'error' }], source };
}

/** The text of a file, or the issue that says why it cannot be had. */
function readText(
  path: string,
  missing: Pick<ConfigIssue, 'problem' | 'fix'>,
): { readonly text: string } | { readonly issue: Omit<ConfigIssue, 'severity'> } {
  if (!existsSync(path)) return { issue: { path: '(file)', received: path, ...missing } };
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (cause) {
    return {
      issue: {
        path: '(file)',
        received: path,
        problem: `cannot be read (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`,
        fix: 'give the path of a readable file',
      },
    };
  }
}

/** Parses YAML text into issues or a validated config; each syntax mistake is one issue at its line. */
function parseConfigText(text: string, source: string): LoadedConfig {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    return { ok: false, issues: yamlSyntaxIssues(text, document.errors), source };
  }
  return { ...validateConfig(document.toJS()), source };
}

/** The first moat.config.yaml in `directory` or one of its parents, if any. */
function findUpward(directory: string): string | undefined {
  const candidate = join(directory, CONFIG_FILE_NAME);
  if (existsSync(candidate)) return candidate;
  const parent = dirname(directory);
  return parent === directory ? undefined : findUpward(parent);
}

/**
 * The one lookup rule of `moat` and the CDK app, so that what is verified is what is deployed: the given path,
 * else the file MOAT_CONFIG names, else the first moat.config.yaml found from the working directory upward,
 * else the embedded default. `source` says which. Never throws for a user mistake: a missing file that was
 * named (flag or MOAT_CONFIG) or a YAML syntax error comes back as an issue.
 */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const fromEnv = (options.env ?? process.env)[CONFIG_ENV_VAR];
  const named = options.path ?? (fromEnv === '' ? undefined : fromEnv);
  const path = named === undefined ? findUpward(resolve(cwd)) : resolve(cwd, named);
  if (path === undefined) {
    return { ok: true, config: defaultConfig, warnings: [], source: EMBEDDED_DEFAULT_SOURCE };
  }
  const how = options.path === undefined ? `${CONFIG_ENV_VAR} names` : 'was given';
  const read = readText(path, {
    problem: `does not exist (the path ${how})`,
    fix: `give the path of an existing config file, or unset it to use the first ${CONFIG_FILE_NAME} found from the working directory upward, else the embedded default`,
  });
  return 'issue' in read ? failure(path, read.issue) : parseConfigText(read.text, path);
}

export type LoadedCostUsage =
  | { readonly ok: true; readonly usage: CostUsage; readonly source: string }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[]; readonly source: string };

/**
 * Reads a usage profile file (`moat cost --usage FILE`): the same document as `cost.usage` in the config,
 * with the same YAML and validation messages. Never throws for a user mistake.
 */
export function loadCostUsage(path: string): LoadedCostUsage {
  const read = readText(path, {
    problem: 'does not exist',
    fix: 'give the path of an existing usage file (its shape: docs/cost.md)',
  });
  if ('issue' in read) return failure(path, read.issue);
  const document = parseDocument(read.text);
  if (document.errors.length > 0) {
    return { ok: false, issues: yamlSyntaxIssues(read.text, document.errors), source: path };
  }
  return { ...validateCostUsage(document.toJS()), source: path };
}
