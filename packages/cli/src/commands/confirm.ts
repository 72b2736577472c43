import { createInterface } from 'node:readline/promises';
import { loadAssembly } from '@moat/analyzer';
import {
  type Confirmation,
  ConfirmError,
  confirmPolicy,
  formatConfirmation,
  parseProfiles,
  type RunPlan,
  runConfirm,
} from '@moat/confirm';
import { type CommandIo, defineCommand, reportProgress, UsageError } from '../command.js';
import {
  assemblyArg,
  configArg,
  formatArg,
  jsonArg,
  type OutputFormat,
  outputFormat,
} from '../common-args.js';
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
    profile: {
      type: 'string',
      valueName: 'P',
      description:
        'AWS profile for every account, or one per account: networking=P1,workload=P2 (names from --config, or account ids)',
    },
    region: { type: 'string', valueName: 'R', description: "the stacks' region (default: the assembly's)" },
    flows: {
      type: 'string',
      valueName: 'LIST',
      description: 'all (default), or flow names such as egress-allowed,ingress',
    },
    yes: { type: 'boolean', description: 'accept the Reachability Analyzer charge without asking' },
    keep: {
      type: 'boolean',
      description:
        'keep the Network Insights paths and analyses (tagged moat:confirm) instead of deleting them',
    },
    'entry-url': {
      type: 'string',
      valueName: 'URL',
      description: "check this URL instead of the stack output's (a custom domain)",
    },
    'endpoint-url': {
      type: 'string',
      valueName: 'URL',
      description: 'send every AWS call to this URL (a local emulator such as moto)',
    },
    resolve: {
      type: 'string',
      valueName: 'HOST=IP,...',
      description: 'use these addresses instead of DNS for the paths to the internet',
    },
    config: configArg,
    format: formatArg,
    json: jsonArg('the stacks, every flow with its three verdicts, and the result'),
    'iam-policy': { type: 'boolean', description: 'print the IAM policy moat confirm needs, and exit' },
  },
  parse: (values) => ({
    assembly: values['iam-policy'] ? '' : requireAssembly(values.assembly),
    profile: values.profile,
    region: values.region,
    flows:
      values.flows === undefined || values.flows === 'all'
        ? undefined
        : values.flows.split(',').map((name) => name.trim()),
    yes: values.yes,
    keep: values.keep,
    entryUrl: values['entry-url'],
    endpoint: values['endpoint-url'],
    resolve: parseResolve(values.resolve),
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
    let confirmation: Confirmation;
    try {
      confirmation = await runConfirm({
        assemblyDir: options.assembly,
        profiles: parseProfiles(options.profile, accounts),
        settings: options.endpoint === undefined ? {} : { endpoint: options.endpoint },
        ...(options.region === undefined ? {} : { region: options.region }),
        ...(options.flows === undefined ? {} : { flows: options.flows }),
        keep: options.keep,
        ...(options.entryUrl === undefined ? {} : { entryUrl: options.entryUrl }),
        ...(options.resolve.size === 0
          ? {}
          : { resolve: async (host: string) => options.resolve.get(host) ?? undefined }),
        approve: (plan) => approve(plan, options.yes, io),
        progress: (message) => reportProgress(io, message),
      });
    } catch (error) {
      if (error instanceof ConfirmError) throw new UsageError(error.message);
      throw error;
    }
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

function parseResolve(text: string | undefined): ReadonlyMap<string, string> {
  const pairs = new Map<string, string>();
  for (const part of text?.split(',') ?? []) {
    const [host, ip] = part.split('=');
    if (host === undefined || ip === undefined || !/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) {
      throw new UsageError(`--resolve "${text}": write HOST=IPv4 pairs, as in api.binance.com=203.0.113.10`);
    }
    pairs.set(host.toLowerCase(), ip);
  }
  return pairs;
}

/**
 * Reachability Analyzer charges per analysis: the count and the price are shown first, and the run goes on
 * only with --yes or a "y" on the terminal; with no terminal to ask on, it stops before creating anything.
 */
async function approve(plan: RunPlan, yes: boolean, io: CommandIo): Promise<boolean> {
  const probes =
    plan.probeTasks === 0
      ? ''
      : `, and ${plan.probeTasks} one-off Fargate probe task${plan.probeTasks === 1 ? '' : 's'} of about a minute each`;
  io.stderr.write(`moat confirm will run ${plan.priceText}${probes}.\n`);
  if (yes || plan.analyses === 0) return true;
  if (!io.isTTY || process.stdin.isTTY !== true) {
    throw new UsageError(
      'no terminal to ask on: give --yes to accept the charge above (nothing was created)',
    );
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question('Go ahead? [y/N] ')).trim());
  } finally {
    prompt.close();
  }
}
