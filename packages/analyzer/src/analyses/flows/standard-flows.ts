import { passedHostnames } from '../../model/suricata/hostnames.js';
import type { NetworkModel } from '../../model/types.js';
import type { Endpoint, ExpectedFlow } from '../types.js';
import { entryFlows } from './entry-flows.js';
import {
  awsServiceFlow,
  deniedEgress,
  endpointServices,
  hasPublicIp,
  isService,
  meansInternetEgress,
  portsOpenToInternet,
  tcp,
  type Workload,
  type WorkloadContext,
  workloadVpc,
} from './workload-flows.js';

/** Where the SPEC's egress-allowed flow goes when no firewall lists domains. */
export const DEFAULT_ALLOWED_HOST = 'api.binance.com';
/** Where a derived egress flow goes when no firewall lists domains: a name any workload may reach. */
export const DERIVED_EGRESS_HOST = 'checkip.amazonaws.com';
/** What a Fargate task needs without the internet (SPEC "Facts"): the `ecs*` endpoints are not needed. */
export const FARGATE_SERVICES = ['ecr.api', 'ecr.dkr', 's3', 'logs'] as const;

export interface StandardFlowOptions {
  /**
   * The paths the service answers (Moat's config `service.routes`). The ingress flow then carries an HTTP request
   * (the API's own method through an API stage, else a GET of the first route) and the service's routes judge
   * the path it arrives with.
   */
  readonly serviceRoutes?: readonly string[];
  /**
   * Whose design the model is. `moat` (the default): Moat's price service as SPEC.md describes it, from its first
   * workload (the one service): egress to the firewall's first allowed host, else api.binance.com; the AWS
   * services a Fargate task needs, which its instances need too. `derived`: anyone's templates, with flows derived from what they contain, for
   * every workload (see {@link standardFlows}). `moat verify` derives them for an assembly that is not a Moat
   * step, unless a Moat config is given.
   */
  readonly design?: 'moat' | 'derived';
}

/**
 * The flows a model should pass, each with the disposition it should have. Whatever the design: ingress through
 * each entry point the templates declare (each public REST API stage, each HTTP API stage that integrates
 * privately, each internet-facing load balancer with a listener that forwards) and no way in to an internal ALB
 * (`entry-flows.ts`). For each workload (`moat`: the first; `derived`: every ECS service and instance):
 * - `ingress` to a workload with a public IP (`moat`: on its container port when no entry point serves it;
 *   `derived`: on each TCP port its security groups open to the internet);
 * - `egress-allowed` to the internet when the network has an internet gateway (`derived`: when the workload's
 *   security groups let it out on TCP 443 to the internet);
 * - `egress-denied` to a host outside the firewall's pass list, when a firewall drops what no rule passes;
 * - `aws-services`: `moat`, the services Moat's service needs (SPEC "Facts"); `derived`, those the task
 *   definition needs to start and those the template gives it a VPC endpoint for; through the endpoint when there
 *   is one;
 * - `direct-to-task`: no way in from the internet to a workload without a public IP.
 * No flow expects what the templates do not declare. The return path of each accepted flow is part of its trace.
 */
export function standardFlows(
  model: NetworkModel,
  options: StandardFlowOptions = {},
): readonly ExpectedFlow[] {
  const { ingress, closed } = entryFlows(model, options.serviceRoutes);
  const context = workloadContext(model);
  const workload = model.ecsServices[0] ?? model.instances[0];
  const workloads =
    options.design === 'derived'
      ? [...model.ecsServices, ...model.instances].flatMap((each) => derivedFlows(context, each))
      : workload === undefined
        ? []
        : moatFlows(context, workload, ingress.length > 0);
  return [...ingress, ...workloads, ...closed];
}

/** Moat's service (SPEC.md): one workload, which reaches Binance and the services a Fargate task needs. */
function moatFlows(context: WorkloadContext, workload: Workload, hasEntry: boolean): ExpectedFlow[] {
  const task: Endpoint = { kind: 'workload', id: workload.id };
  const port = isService(workload) ? (workload.containerPorts[0] ?? 80) : 80;
  const isPublic = hasPublicIp(workload);
  const vpcId = workloadVpc(context.model, workload);
  const viaEndpoints = context.model.vpcEndpoints.some((endpoint) => endpoint.vpcId === vpcId);
  return [
    ...(isPublic && !hasEntry
      ? [{ name: 'ingress', flow: tcp({ kind: 'internet' }, task, port), expected: 'ACCEPTED' as const }]
      : []),
    {
      name: 'egress-allowed',
      flow: tcp(task, { kind: 'host', hostname: context.passDomains[0] ?? DEFAULT_ALLOWED_HOST }, 443),
      expected: 'ACCEPTED',
    },
    ...deniedEgress(context, task),
    ...FARGATE_SERVICES.map((service) => awsServiceFlow(task, service, viaEndpoints)),
    ...(isPublic ? [] : [directToTask(task, port)]),
  ];
}

/** A workload of anyone's templates: the flows its own settings declare. */
function derivedFlows(context: WorkloadContext, workload: Workload): ExpectedFlow[] {
  const { model } = context;
  const task: Endpoint = { kind: 'workload', id: workload.id };
  const isPublic = hasPublicIp(workload);
  const vpcServices = endpointServices(model, workload);
  const services = [...new Set([...(isService(workload) ? workload.startupServices : []), ...vpcServices])];
  const egress = model.internetGateways.length > 0 && meansInternetEgress(model, workload);
  return [
    ...(isPublic
      ? portsOpenToInternet(model, workload).map(
          (port): ExpectedFlow => ({
            name: 'ingress',
            flow: tcp({ kind: 'internet' }, task, port),
            expected: 'ACCEPTED',
          }),
        )
      : []),
    ...(egress
      ? [
          {
            name: 'egress-allowed',
            flow: tcp(task, { kind: 'host', hostname: context.passDomains[0] ?? DERIVED_EGRESS_HOST }, 443),
            expected: 'ACCEPTED' as const,
          },
          ...deniedEgress(context, task),
        ]
      : []),
    ...services.map((service) => awsServiceFlow(task, service, vpcServices.includes(service))),
    ...(isPublic ? [] : [directToTask(task, isService(workload) ? (workload.containerPorts[0] ?? 80) : 80)]),
  ];
}

const directToTask = (task: Endpoint, port: number): ExpectedFlow => ({
  name: 'direct-to-task',
  flow: tcp({ kind: 'internet' }, task, port),
  expected: 'NOT_REACHABLE_FROM_INTERNET',
});

function workloadContext(model: NetworkModel): WorkloadContext {
  return { model, passDomains: firewallPassDomains(model), deniesByDefault: firewallDeniesByDefault(model) };
}

/** Host names a firewall passes, in rule order: `.example.com` stands for `example.com`. */
function firewallPassDomains(model: NetworkModel): string[] {
  return model.firewallRuleGroups.flatMap((group) =>
    group.kind === 'STATEFUL'
      ? group.rules.flatMap((rule) => (rule.rule.known ? passedHostnames(rule.rule.value) : []))
      : [],
  );
}

/**
 * A firewall policy drops what no rule passes: a strict-order drop default action, or a domain allow list, whose
 * generated rules drop every other HTTP and TLS host.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateful-rule-groups-domain-names.html
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
 */
function firewallDeniesByDefault(model: NetworkModel): boolean {
  const groups = new Map(model.firewallRuleGroups.map((group) => [group.id, group]));
  return model.firewallPolicies.some(
    (policy) =>
      policy.statefulDefaultActions.some((action) => action.startsWith('aws:drop')) ||
      policy.statefulRuleGroups.some((reference) => {
        const group = reference.ruleGroupId.known ? groups.get(reference.ruleGroupId.value) : undefined;
        return (
          reference.dropToAlert !== true &&
          group?.kind === 'STATEFUL' &&
          group.generatedRulesType === 'ALLOWLIST'
        );
      }),
  );
}
