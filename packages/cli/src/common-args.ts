import type { ArgSpec } from './command.js';

/** Flags several commands share, described once. */
export const assemblyArg = {
  type: 'string',
  valueName: 'DIR',
  description: 'a cloud assembly (cdk.out) or a folder of CloudFormation JSON templates',
} as const satisfies ArgSpec;

export const configArg = {
  type: 'string',
  valueName: 'F',
  description:
    'configuration file (default: $MOAT_CONFIG, else the first moat.config.yaml from here upward, else the embedded default)',
} as const satisfies ArgSpec;

export const jsonArg = (what: string) =>
  ({ type: 'boolean', description: `print ${what} as one JSON document` }) as const satisfies ArgSpec;
