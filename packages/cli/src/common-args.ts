import { type ArgSpec, UsageError } from './command.js';

/** Flags several commands share, described once. */
export const assemblyArg = {
  type: 'string',
  valueName: 'DIR',
  description: 'a cloud assembly (cdk.out) or a folder of CloudFormation templates (JSON or YAML)',
} as const satisfies ArgSpec;

/** What the templates of `--assembly` do not say themselves: the region and the parameter values. */
export const templateInputArgs = {
  region: {
    type: 'string',
    valueName: 'R',
    description:
      "region of the stacks whose input names none (Fn::GetAZs, AWS::Region); a manifest's region wins",
  },
  parameters: {
    type: 'string',
    valueName: 'PARAM',
    repeatable: true,
    description:
      'parameter values: KEY=VALUE, STACK:KEY=VALUE, or a CloudFormation parameters file (FILE.json, STACK:FILE.json)',
  },
} as const satisfies Record<string, ArgSpec>;

export const configArg = {
  type: 'string',
  valueName: 'F',
  description:
    'configuration file (default: $MOAT_CONFIG, else the first moat.config.yaml from here upward, else the embedded default)',
} as const satisfies ArgSpec;

export const jsonArg = (what: string) =>
  ({ type: 'boolean', description: `print ${what} as one JSON document` }) as const satisfies ArgSpec;

/** `--format` of the commands that also write SARIF (`verify`, `confirm`). */
export const formatArg = {
  type: 'string',
  valueName: 'FORMAT',
  description: 'text (default), json (as --json) or sarif (SARIF 2.1.0 for GitHub code scanning)',
} as const satisfies ArgSpec;

export type OutputFormat = 'text' | 'json' | 'sarif';
const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];

/** `--format` and `--json` as one choice; both given must agree. */
export function outputFormat(format: string | undefined, json: boolean): OutputFormat {
  if (format === undefined) return json ? 'json' : 'text';
  if (!FORMATS.includes(format as OutputFormat)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, received "${format}"`);
  }
  if (json && format !== 'json') {
    throw new UsageError(`--json asks for JSON, but --format asks for ${format}; give one of them`);
  }
  return format as OutputFormat;
}
