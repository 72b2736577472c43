import { createHash } from 'node:crypto';
import type { Assembly, Source } from '@moat/analyzer';
import {
  SARIF_SCHEMA_URI,
  type SarifLocation,
  type SarifLog,
  type SarifResult,
  type SarifRule,
} from './sarif-log.js';
import { SOURCE_ROOT, type TemplateLocator } from './template-locations.js';

export interface SarifOptions {
  readonly toolVersion: string;
  /** URIs in the log are relative to this folder: run moat from the repository root. */
  readonly baseDir: string;
  /** Where docs/ is published (a URL ending in a slash); rules then link to docs/RULES.md#netNNN. */
  readonly docsUrl?: string;
}

/** The tags of every Moat rule: what code scanning filters by. */
export const TAGS: readonly string[] = ['network', 'aws', 'cloudformation'];

/** Moat's one run in a SARIF log: the tool with its rules, the results, and the base of relative URIs. */
export function singleRunLog(
  run: SarifOptions & {
    readonly locator: TemplateLocator;
    readonly rules: readonly SarifRule[];
    readonly results: readonly SarifResult[];
  },
): SarifLog {
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Moat',
            version: run.toolVersion,
            semanticVersion: run.toolVersion,
            ...(run.docsUrl === undefined ? {} : { informationUri: run.docsUrl }),
            rules: run.rules,
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: run.locator.sourceRootUri } },
        results: run.results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

/**
 * A template resource as a SARIF location in its stack's template file; without a resource (or for a stack the
 * assembly does not hold), the template file itself.
 */
export function sourceLocator(
  assembly: Assembly,
  locator: TemplateLocator,
): (source: Source | undefined, message?: string) => SarifLocation {
  const files = new Map(assembly.stacks.map((stack) => [stack.name, stack.file]));
  const fallbackFile = assembly.stacks[0]?.file ?? '';
  return (source, message) => {
    const file = source === undefined ? undefined : files.get(source.stack);
    return source === undefined || file === undefined
      ? locator.locateFile(file ?? fallbackFile)
      : locator.locate({ ...source, file }, message);
  };
}

/**
 * GitHub matches results across runs by `primaryLocationLineHash` and computes one from the source line
 * when it is missing. Templates are generated and their lines move with every change, so Moat gives its
 * own: a hash of what the result is about (rule, resource or flow), stable while the problem stays.
 */
export function fingerprint(...parts: readonly (string | undefined)[]): string {
  return `${createHash('sha256')
    .update(parts.map((part) => part ?? '').join('\u0000'))
    .digest('hex')
    .slice(0, 16)}:1`;
}
