import { endpointNamer } from '@moat/analyzer';
import { type CommandIo, defineCommand, UsageError } from '../command.js';
import {
  assemblyArg,
  formatArg,
  jsonArg,
  type OutputFormat,
  outputFormat,
  templateInputArgs,
} from '../common-args.js';
import { formatVerification } from '../format/verification.js';
import { type AnalysisInput, loadInput, loadMoatConfig, requireAssembly } from '../inputs.js';
import { compactVerification } from '../json/compact-verification.js';
import { jsonDocument } from '../json/document.js';
import { verificationToSarif } from '../sarif/index.js';
import { type Verification, verifyInput } from '../verification.js';
import { MOAT_DOCS_URL, MOAT_VERSION } from '../version.js';

export const verifyCommand = defineCommand({
  usage: [
    'verify --assembly DIR [--region R] [--parameters PARAM]... [--config F] [--format text|json|sarif] [--json [--compact]]',
  ],
  examples: [
    'moat synth --step 7 && moat verify --assembly out/steps/7',
    'moat verify --assembly cdk.out --config moat.config.yaml   # also the flows: and acknowledge: of your config',
    'moat verify --assembly templates/ --region us-east-1 --parameters params.json --parameters Env=prod',
    'moat verify --assembly cdk.out --format sarif > moat.sarif  # for GitHub code scanning',
  ],
  exitCodes: [
    '0  every flow as expected, no unacknowledged invariant error, every AZ loss survived (when HA)',
    '1  a flow not as expected, an invariant error, or an AZ loss not survived',
    '2  bad usage or unreadable input: one line on stderr naming the value received and the fix',
  ],
  args: {
    assembly: assemblyArg,
    ...templateInputArgs,
    config: {
      type: 'string',
      valueName: 'F',
      description:
        "also check the flows of this configuration (its flows:, one per egress IP rule, the service's routes) and apply its acknowledge: (only when given: the assembly may be anyone's)",
    },
    format: formatArg,
    json: jsonArg('the flows with their traces, the findings and the verdict'),
    compact: {
      type: 'boolean',
      description: 'with --json: each resource described once, no repeated traces, on one line',
    },
  },
  parse: (values) => ({
    assembly: requireAssembly(values.assembly),
    inputs: { region: values.region, parameters: values.parameters },
    config: values.config,
    format: outputFormat(values.format, values.json),
    compact: compactFlag(values.compact, outputFormat(values.format, values.json)),
  }),
  async run({ assembly, inputs, config, format, compact }, io) {
    const moatConfig = config === undefined ? undefined : loadMoatConfig(config, io);
    const input = loadInput(assembly, io, inputs);
    const verification = verifyInput(input, moatConfig);
    io.stdout.write(render(verification, input, format, compact, io));
    return verification.holds ? 0 : 1;
  },
});

function compactFlag(compact: boolean, format: OutputFormat): boolean {
  if (compact && format !== 'json') {
    throw new UsageError('--compact shapes the JSON document: add --json, or leave --compact out');
  }
  return compact;
}

function render(
  verification: Verification,
  input: AnalysisInput,
  format: OutputFormat,
  compact: boolean,
  io: CommandIo,
): string {
  if (format === 'text') return formatVerification(verification, endpointNamer(input.model));
  if (format === 'json') {
    return compact
      ? jsonDocument('verify-compact', compactVerification(verification), true)
      : jsonDocument('verify', verification);
  }
  const sarif = verificationToSarif(verification, input.assembly, {
    toolVersion: MOAT_VERSION,
    baseDir: io.cwd,
    ...(MOAT_DOCS_URL === undefined ? {} : { docsUrl: MOAT_DOCS_URL }),
  });
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
