import type { MoatConfig } from './schema.js';

/**
 * One problem found in a configuration: where, what was there, what is wrong and how to fix it.
 * A warning describes a config that synthesizes but will misbehave or fail at deploy time for some steps.
 */
export interface ConfigIssue {
  /** The config path, such as "cidrs.container" or "egress.domains[0].port"; "(top level)" for the whole file. */
  readonly path: string;
  readonly received: unknown;
  readonly problem: string;
  readonly fix: string;
  readonly severity: 'error' | 'warning';
}

/** `issues` holds the errors and warnings in the order found; `ok` is false when at least one is an error. */
export type ConfigResult =
  | { readonly ok: true; readonly config: MoatConfig; readonly warnings: readonly ConfigIssue[] }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/** Where the rules put what they find. */
export type Report = (issue: ConfigIssue) => void;

/** Turns a zod-style path into the dotted form users see: `egress.domains[0].port`. */
export function formatPath(path: readonly PropertyKey[]): string {
  const text = path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
  return text === '' ? '(top level)' : text;
}

const MAX_RECEIVED_LENGTH = 120;

function formatReceived(received: unknown): string {
  if (received === undefined) return 'nothing';
  const text = JSON.stringify(received) ?? String(received);
  return text.length > MAX_RECEIVED_LENGTH ? `${text.slice(0, MAX_RECEIVED_LENGTH - 1)}…` : text;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * One message naming every problem, for a terminal:
 * `moat.config.yaml: 2 problems\n  - cidrs.container: received "8.8.0.0/16" — <problem>. Fix: <fix>.`
 */
export function formatIssues(issues: readonly ConfigIssue[], source = 'moat.config.yaml'): string {
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  const warnings = issues.length - errors;
  const counts = [
    errors > 0 || warnings === 0 ? plural(errors, 'problem') : '',
    warnings > 0 ? plural(warnings, 'warning') : '',
  ]
    .filter((count) => count !== '')
    .join(', ');
  const lines = issues.map(
    (issue) =>
      `  - ${issue.severity === 'warning' ? 'warning: ' : ''}${issue.path}: received ${formatReceived(issue.received)} — ${issue.problem}. Fix: ${issue.fix}.`,
  );
  return [`${source}: ${counts}`, ...lines].join('\n');
}
