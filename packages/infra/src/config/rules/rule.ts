import type { ConfigIssue, Report } from '../issues.js';
import type { MoatConfig } from '../schema.js';

/** The sections of the config that parsed: semantic rules run on whatever did. */
export type ParsedSections = { readonly [K in keyof MoatConfig]?: MoatConfig[K] };

/** A semantic rule over some sections of the config; it runs only when all of them parsed. */
export interface Rule {
  run(sections: ParsedSections, report: Report): void;
}

export function defineRule<K extends keyof MoatConfig>(
  needs: readonly K[],
  check: (config: Pick<MoatConfig, K>, report: Report) => void,
): Rule {
  return {
    run(sections, report) {
      if (needs.every((section) => sections[section] !== undefined)) {
        check(sections as Pick<MoatConfig, K>, report);
      }
    },
  };
}

export function error(path: string, received: unknown, problem: string, fix: string): ConfigIssue {
  return { path, received, problem, fix, severity: 'error' };
}

export function warning(path: string, received: unknown, problem: string, fix: string): ConfigIssue {
  return { path, received, problem, fix, severity: 'warning' };
}
