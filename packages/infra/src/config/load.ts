import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { defaultConfig } from './defaults.js';
import type { ConfigIssue, ConfigResult } from './issues.js';
import { validateConfig } from './validate.js';
import { yamlSyntaxIssues } from './yaml-issues.js';

export const CONFIG_FILE_NAME = 'moat.config.yaml';
/** The `source` of a result that used no file. */
export const EMBEDDED_DEFAULT_SOURCE = 'embedded default';

export interface LoadConfigOptions {
  /** A config file to read; when it does not exist, that is an issue. */
  readonly path?: string;
  /** Where to look for moat.config.yaml when no path is given; defaults to the process's working directory. */
  readonly cwd?: string;
}

export type LoadedConfig = ConfigResult & { readonly source: string };

function failure(source: string, issue: Omit<ConfigIssue, 'severity'>): LoadedConfig {
  return { ok: false, issues: [{ ...issue, severity: 'error' }], source };
}

/** Parses YAML text into issues or a validated config; each syntax mistake is one issue at its line. */
function parseConfigText(text: string, source: string): LoadedConfig {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    return { ok: false, issues: yamlSyntaxIssues(text, document.errors), source };
  }
  return { ...validateConfig(document.toJS()), source };
}

/**
 * Loads `options.path`, else `moat.config.yaml` in `options.cwd`, else the embedded default. Never throws
 * for a user mistake: a missing explicit file or a YAML syntax error comes back as an issue.
 */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const explicit = options.path !== undefined;
  const path = resolve(options.cwd ?? process.cwd(), options.path ?? CONFIG_FILE_NAME);
  if (!existsSync(path)) {
    if (!explicit) return { ok: true, config: defaultConfig, warnings: [], source: EMBEDDED_DEFAULT_SOURCE };
    return failure(path, {
      path: '(file)',
      received: path,
      problem: 'does not exist',
      fix: `give the path of an existing config file, or omit it to use ./${CONFIG_FILE_NAME} or the embedded default`,
    });
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    return failure(path, {
      path: '(file)',
      received: path,
      problem: `cannot be read (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`,
      fix: 'give the path of a readable file',
    });
  }
  return parseConfigText(text, path);
}
