import {
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Assembly, ElementId, StackTemplate } from '@moat/analyzer';
import { type AccountClients, accountClients, type ClientSettings } from '../aws/clients.js';
import { type ProfileChoice, profileFor } from '../aws/profiles.js';
import { ConfirmError, callAws } from '../errors.js';

/** How a stack of the assembly stands in its account: the first thing `moat confirm` reports. */
export interface StackReport {
  /** The artifact id in the assembly; model element ids start with it. */
  readonly artifact: string;
  readonly stackName: string;
  readonly account: string;
  readonly region: string;
  /** `ok`: deployed and complete; `warning`: usable with a note; `error`: the flows through it cannot be confirmed. */
  readonly state: 'ok' | 'warning' | 'error';
  readonly stackStatus?: string;
  /** The last drift detection's verdict (DescribeStacks reports it; Moat does not start one). */
  readonly drift: string;
  readonly notes: readonly string[];
}

export interface DeployedResource {
  readonly physicalId: string;
  readonly type: string;
}

/** The assembly mapped onto the accounts: each stack's state and each logical ID's physical ID. */
export interface Deployment {
  readonly stacks: readonly StackReport[];
  /** A model element (`stack/logicalId`) → its physical ID, when the stack is deployed and has it. */
  physicalId(elementId: ElementId): string | undefined;
  /** The reverse: which model element a physical ID (a subnet-..., an ARN) belongs to. */
  elementIdOf(physicalId: string): ElementId | undefined;
  /** The stack outputs by key, for a stack artifact. */
  outputs(artifact: string): Readonly<Record<string, string>>;
  /** The clients of the account a stack artifact is deployed to. */
  clientsOf(artifact: string): AccountClients;
}

export interface DeploymentOptions {
  readonly assembly: Assembly;
  readonly profiles: ProfileChoice;
  readonly settings: ClientSettings;
  /** `--region`: for stacks whose environment leaves the region open, and to override the assembly's. */
  readonly region?: string;
}

// Statuses in which the stack's resources are the ones its last successful deployment made:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html
const COMPLETE = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'IMPORT_COMPLETE']);
const ROLLED_BACK = new Set(['UPDATE_ROLLBACK_COMPLETE', 'IMPORT_ROLLBACK_COMPLETE']);

/**
 * CloudFormation `DescribeStacks` and `DescribeStackResources` for each stack of the assembly, with the
 * credentials of its account. Each account's credentials are checked first with STS `GetCallerIdentity`, so
 * a profile of the wrong account is named as such instead of surfacing as "stack does not exist".
 */
export async function mapDeployment(options: DeploymentOptions): Promise<Deployment> {
  const { assembly, profiles, settings } = options;
  const clientsByAccount = new Map<string, AccountClients>();
  const artifactClients = new Map<string, AccountClients>();
  for (const stack of assembly.stacks) {
    const region = regionOf(stack, options.region);
    const account = await stackAccount(stack, region, profiles, settings);
    const key = `${account}/${region}`;
    let clients = clientsByAccount.get(key);
    if (clients === undefined) {
      clients = accountClients(settings, region, account, profileFor(profiles, account));
      await checkAccount(clients, stack);
      clientsByAccount.set(key, clients);
    }
    artifactClients.set(stack.name, clients);
  }
  const physical = new Map<ElementId, DeployedResource>();
  const outputs = new Map<string, Record<string, string>>();
  const stacks: StackReport[] = [];
  for (const stack of assembly.stacks) {
    const clients = artifactClients.get(stack.name) as AccountClients;
    const described = await describeStack(clients, deployedStackName(stack));
    const resources =
      described === undefined ? [] : await describeResources(clients, deployedStackName(stack));
    for (const resource of resources) physical.set(`${stack.name}/${resource.logicalId}`, resource);
    outputs.set(
      stack.name,
      Object.fromEntries(
        (described?.Outputs ?? []).flatMap((output) =>
          output.OutputKey && output.OutputValue !== undefined
            ? [[output.OutputKey, output.OutputValue]]
            : [],
        ),
      ),
    );
    stacks.push(stackReport(stack, clients, described, new Set(resources.map((r) => r.logicalId))));
  }
  // Missing and broken stacks first, then warnings: what stops a confirmation is read before the flows.
  const rank = { error: 0, warning: 1, ok: 2 } as const;
  stacks.sort((a, b) => rank[a.state] - rank[b.state]);
  return {
    stacks,
    physicalId: (elementId) => physical.get(elementId)?.physicalId,
    elementIdOf: (physicalId) =>
      [...physical.entries()].find(([, resource]) => resource.physicalId === physicalId)?.[0],
    outputs: (artifact) => outputs.get(artifact) ?? {},
    clientsOf: (artifact) => {
      const clients = artifactClients.get(artifact);
      if (clients === undefined) throw new Error(`no clients for stack artifact ${artifact}`);
      return clients;
    },
  };
}

function regionOf(stack: StackTemplate, region: string | undefined): string {
  if (region !== undefined) return region;
  if (stack.region.known) return stack.region.value;
  throw new ConfirmError(
    `stack ${stack.stackName} does not say its region (${stack.region.reason}): give it with --region, as in --region eu-central-1`,
  );
}

/** The account the assembly names; an environment-agnostic stack goes where the credentials point. */
async function stackAccount(
  stack: StackTemplate,
  region: string,
  profiles: ProfileChoice,
  settings: ClientSettings,
): Promise<string> {
  if (stack.account.known) return stack.account.value;
  const clients = accountClients(settings, region, 'the account of the credentials', profiles.fallback);
  const identity = await callAws('sts:GetCallerIdentity', clients.context, () =>
    clients.sts.send(new GetCallerIdentityCommand({})),
  );
  if (identity.Account === undefined) throw new Error('GetCallerIdentity returned no account');
  return identity.Account;
}

async function checkAccount(clients: AccountClients, stack: StackTemplate): Promise<void> {
  const identity = await callAws('sts:GetCallerIdentity', clients.context, () =>
    clients.sts.send(new GetCallerIdentityCommand({})),
  );
  if (identity.Account !== clients.context.account) {
    const profile = clients.context.profile;
    throw new ConfirmError(
      `stack ${stack.stackName} is deployed to account ${clients.context.account}, but ${profile === undefined ? 'the default credentials are' : `profile "${profile}" is`} for account ${identity.Account ?? 'unknown'} (${identity.Arn ?? 'no ARN'}). Give that account its own profile: --profile ${clients.context.account}=PROFILE (or networking=P1,workload=P2)`,
    );
  }
}

async function describeStack(clients: AccountClients, stackName: string): Promise<Stack | undefined> {
  try {
    const answer = await callAws('cloudformation:DescribeStacks', clients.context, () =>
      clients.cloudFormation.send(new DescribeStacksCommand({ StackName: stackName })),
    );
    return answer.Stacks?.[0];
  } catch (error) {
    // "Stack with id X does not exist" is a ValidationError:
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html
    if (error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message))
      return undefined;
    throw error;
  }
}

async function describeResources(
  clients: AccountClients,
  stackName: string,
): Promise<(DeployedResource & { logicalId: string })[]> {
  const answer = await callAws('cloudformation:DescribeStackResources', clients.context, () =>
    clients.cloudFormation.send(new DescribeStackResourcesCommand({ StackName: stackName })),
  );
  return (answer.StackResources ?? []).flatMap((resource) =>
    resource.LogicalResourceId && resource.PhysicalResourceId && resource.ResourceType
      ? [
          {
            logicalId: resource.LogicalResourceId,
            physicalId: resource.PhysicalResourceId,
            type: resource.ResourceType,
          },
        ]
      : [],
  );
}

function stackReport(
  stack: StackTemplate,
  clients: AccountClients,
  described: Stack | undefined,
  deployedIds: ReadonlySet<string>,
): StackReport {
  const base = {
    artifact: stack.name,
    stackName: deployedStackName(stack),
    account: clients.context.account,
    region: clients.context.region,
  };
  if (described === undefined) {
    return {
      ...base,
      state: 'error',
      drift: 'not deployed',
      notes: [
        `not deployed in account ${base.account} ${base.region}: deploy the step (cd packages/infra && npx cdk deploy --all -c step=N), or check --region and --profile`,
      ],
    };
  }
  const status = described.StackStatus ?? 'UNKNOWN';
  const notes: string[] = [];
  let state: StackReport['state'] = 'ok';
  if (ROLLED_BACK.has(status)) {
    state = 'error';
    notes.push(
      `${status}: the last update was rolled back, so the stack runs the template before it; fix the failed update (see its events) and deploy again`,
    );
  } else if (!COMPLETE.has(status)) {
    state = 'error';
    notes.push(
      /_IN_PROGRESS$/.test(status)
        ? `${status}: wait until the deployment finishes, then run moat confirm again`
        : `${status}: the stack is not in a deployed state; see its events in the CloudFormation console`,
    );
  }
  const drift = described.DriftInformation?.StackDriftStatus ?? 'NOT_CHECKED';
  const checked = described.DriftInformation?.LastCheckTimestamp;
  if (drift === 'DRIFTED') {
    state = 'error';
    notes.push(
      `DRIFTED at the last drift detection (${checked?.toISOString() ?? 'time unknown'}): the live resources differ from the template; see aws cloudformation describe-stack-resource-drifts --stack-name ${stack.stackName}`,
    );
  }
  const missing = Object.keys(stack.template.Resources).filter((logicalId) => !deployedIds.has(logicalId));
  if (missing.length > 0) {
    if (state === 'ok') state = 'warning';
    notes.push(
      `${missing.length} resource${missing.length === 1 ? '' : 's'} of the assembly's template ${missing.length === 1 ? 'is' : 'are'} not in the deployed stack (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}): is this the step that is deployed?`,
    );
  }
  return {
    ...base,
    state,
    stackStatus: status,
    drift:
      drift === 'NOT_CHECKED'
        ? 'never checked (run aws cloudformation detect-stack-drift to check; it is free)'
        : `${drift}${checked ? ` at ${checked.toISOString()}` : ''}`,
    notes,
  };
}

/**
 * The CloudFormation stack name: a CDK manifest gives it; a plain template folder does not, and its stack is
 * looked up by the template's own name (the file name without `.template.json`), as `moat confirm` documents.
 */
function deployedStackName(stack: StackTemplate): string {
  return stack.stackName ?? stack.name;
}
