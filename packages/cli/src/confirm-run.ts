import { createInterface } from 'node:readline/promises';
import { type Confirmation, ConfirmError, parseProfiles, type RunPlan, runConfirm } from '@moat/confirm';
import { type ArgSpec, type ArgValues, type CommandIo, reportProgress, UsageError } from './command.js';

/** The flags of a confirm run, shared by `moat confirm` and `moat plan --confirm`. */
export const confirmRunArgs = {
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
} as const satisfies Record<string, ArgSpec>;

export interface ConfirmRunOptions {
  readonly profile?: string;
  readonly region?: string;
  readonly flows?: readonly string[];
  readonly yes: boolean;
  readonly keep: boolean;
  readonly entryUrl?: string;
  readonly endpoint?: string;
  readonly resolve: ReadonlyMap<string, string>;
}

export function parseConfirmRun(values: ArgValues<typeof confirmRunArgs>): ConfirmRunOptions {
  return {
    ...(values.profile === undefined ? {} : { profile: values.profile }),
    ...(values.region === undefined ? {} : { region: values.region }),
    ...(values.flows === undefined || values.flows === 'all'
      ? {}
      : { flows: values.flows.split(',').map((name) => name.trim()) }),
    yes: values.yes,
    keep: values.keep,
    ...(values['entry-url'] === undefined ? {} : { entryUrl: values['entry-url'] }),
    ...(values['endpoint-url'] === undefined ? {} : { endpoint: values['endpoint-url'] }),
    resolve: parseResolve(values.resolve),
  };
}

/** The confirm flags given, by name: `moat plan` accepts them only with `--confirm`. */
export const givenConfirmFlags = (values: ArgValues<typeof confirmRunArgs>): string[] =>
  Object.keys(confirmRunArgs).filter((name) => {
    const value = values[name as keyof typeof confirmRunArgs];
    return value !== undefined && value !== false;
  });

/**
 * `runConfirm` on one assembly with the run's flags, the config's account names for `--profile`, the terminal
 * for the price prompt and the progress lines; a mistake the user can fix becomes a `UsageError` (exit 2).
 */
export async function confirmAssembly(
  assemblyDir: string,
  options: ConfirmRunOptions,
  accounts: Readonly<Record<string, string>>,
  io: CommandIo,
): Promise<Confirmation> {
  try {
    return await runConfirm({
      assemblyDir,
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
