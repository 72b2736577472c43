import type { ArgSpec } from './command.js';

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
