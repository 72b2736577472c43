import { loadAssembly } from '@moat/analyzer';
import { type Confirmation, confirmPolicy, formatConfirmation } from '@moat/confirm';
import { type CommandIo, defineCommand } from '../command.js';
import {
  assemblyArg,
  configArg,
  formatArg,
  jsonArg,
  type OutputFormat,
  outputFormat,
} from '../common-args.js';
import { confirmAssembly, confirmRunArgs, parseConfirmRun } from '../confirm-run.js';
import { loadMoatConfig, requireAssembly } from '../inputs.js';
import { jsonDocument } from '../json/document.js';
import { confirmationToSarif } from '../sarif/index.js';
import { MOAT_DOCS_URL, MOAT_VERSION } from '../version.js';

export const confirmCommand = defineCommand({
  usage: [
    'confirm --assembly DIR [--profile P|networking=P1,workload=P2] [--region R] [--flows all|NAME,...] [--yes] [--keep] [--json|--format sarif]',
    'confirm --iam-policy',
  ],
  examples: [
    'moat confirm --assembly out/steps/7 --profile moat-dev',
    'moat confirm --assembly out/steps/10 --profile networking=net-admin,workload=app-admin --yes',
    'moat confirm --assembly out/steps/7 --yes --format sarif > confirm.sarif  # for GitHub code scanning',
    'moat confirm --iam-policy > moat-confirm-policy.json',
  ],
  args: {
    assembly: assemblyArg,
    ...confirmRunArgs,
    config: configArg,
    format: formatArg,
    json: jsonArg('the stacks, every flow with its three verdicts, and the result'),
    'iam-policy': { type: 'boolean', description: 'print the IAM policy moat confirm needs, and exit' },
  },
  parse: (values) => ({
    assembly: values['iam-policy'] ? '' : requireAssembly(values.assembly),
    run: parseConfirmRun(values),
    config: values.config,
    format: outputFormat(values.format, values.json),
    iamPolicy: values['iam-policy'],
  }),
  /** Exit 0 when every stack is deployed as the assembly says and every flow agrees; 1 otherwise. */
  async run(options, io) {
    if (options.iamPolicy) {
      io.stdout.write(`${JSON.stringify(confirmPolicy(), null, 2)}\n`);
      return 0;
    }
    const { accounts } = loadMoatConfig(options.config, io);
    const confirmation = await confirmAssembly(options.assembly, options.run, accounts, io);
    io.stdout.write(render(confirmation, options.format, io));
    return confirmation.agree ? 0 : 1;
  },
});

function render(confirmation: Confirmation, format: OutputFormat, io: CommandIo): string {
  if (format === 'text') return formatConfirmation(confirmation);
  if (format === 'json') return jsonDocument('confirm', confirmation);
  const sarif = confirmationToSarif(confirmation, loadAssembly(confirmation.assembly), {
    toolVersion: MOAT_VERSION,
    baseDir: io.cwd,
    ...(MOAT_DOCS_URL === undefined ? {} : { docsUrl: MOAT_DOCS_URL }),
  });
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
