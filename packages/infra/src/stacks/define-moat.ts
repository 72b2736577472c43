import { type App, Aspects, type Environment, type Stack } from 'aws-cdk-lib';
import { planAddresses } from '../config/addressing.js';
import type { MoatConfig } from '../config/schema.js';
import { RestrictedEgress } from '../constructs/restricted-egress.js';
import { NetworkStack } from './network-stack.js';
import { SpokeRoutingStack } from './spoke-routing-stack.js';
import type { StepDesign } from './step-design.js';
import { WorkloadStack } from './workload-stack.js';

/** Stack IDs are API: a user walks from step to step with `cdk deploy`, so they never change. */
export const STACK_ID = {
  workload: 'MoatWorkload',
  network: 'MoatNetwork',
  spokeRouting: 'MoatSpokeRouting',
} as const;

/**
 * Defines the stacks of one step's design. Until step 10 everything lives in the networking account
 * (one account, as in the guide); step 10 moves only the workload stack to the workload account.
 */
export function defineMoat(app: App, config: MoatConfig, design: StepDesign): readonly Stack[] {
  const stacks = defineStacks(app, config, design);
  for (const stack of stacks) Aspects.of(stack).add(new RestrictedEgress());
  return stacks;
}

function defineStacks(app: App, config: MoatConfig, design: StepDesign): readonly Stack[] {
  const plan = planAddresses(config);
  const networkEnv = { account: config.accounts.networking, region: config.region } satisfies Environment;
  const workloadEnv = {
    account: design.splitAccounts ? config.accounts.workload : config.accounts.networking,
    region: config.region,
  } satisfies Environment;
  const crossAccount = workloadEnv.account !== networkEnv.account;

  const workload = new WorkloadStack(app, STACK_ID.workload, {
    env: workloadEnv,
    description: 'Moat: the container VPC and the price service',
    config,
    plan,
    design,
    networkOwner: crossAccount ? networkEnv : undefined,
  });
  if (!design.transitGateway) {
    return [workload];
  }
  const network = new NetworkStack(app, STACK_ID.network, {
    env: networkEnv,
    description: 'Moat: ingress and egress VPCs, Transit Gateway hub, firewall, API and WAF',
    config,
    plan,
    design,
    workloadAccount: crossAccount ? workloadEnv.account : undefined,
  });
  const spokeRouting = new SpokeRoutingStack(app, STACK_ID.spokeRouting, {
    env: networkEnv,
    description: "Moat: the hub's routing of the container VPC attachment",
    workloadOwner: crossAccount ? workloadEnv : undefined,
  });
  // Deploy order, also across accounts: hub → attachment → the hub's routing of the attachment.
  workload.addStackDependency(network, 'the container attachment needs the shared Transit Gateway');
  spokeRouting.addStackDependency(workload, 'routes the attachment that the workload stack creates');
  return [network, workload, spokeRouting];
}
