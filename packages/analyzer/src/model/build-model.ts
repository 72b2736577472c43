import type { Assembly } from '../assembly/load-assembly.js';
import { buildCompute } from './from-templates/compute.js';
import { BuildContext } from './from-templates/context.js';
import { buildDeployOrder } from './from-templates/deploy-order.js';
import { buildEdge } from './from-templates/edge.js';
import { buildVpcEndpoints } from './from-templates/endpoints.js';
import { buildFirewalls } from './from-templates/firewall.js';
import { buildNetwork } from './from-templates/network.js';
import { buildResourceShares } from './from-templates/resource-shares.js';
import { buildNetworkAcls, buildSecurityGroups } from './from-templates/security.js';
import { buildTransit } from './from-templates/transit.js';
import type { NetworkModel } from './types.js';

/**
 * Builds the vendor-independent network model from the templates of an assembly. Input the model cannot use
 * becomes a diagnostic; an unresolvable value stays `known: false` with its reason.
 */
export function buildModel(assembly: Assembly): NetworkModel {
  const context = new BuildContext(assembly);
  const vpcEndpoints = buildVpcEndpoints(context);
  const network = buildNetwork(
    context,
    vpcEndpoints.filter((endpoint) => endpoint.kind === 'Gateway'),
  );
  const firewalls = buildFirewalls(context);
  return {
    stacks: assembly.stacks.map((stack) => ({
      name: stack.name,
      account: stack.account,
      region: stack.region,
    })),
    ...network,
    ...buildTransit(context, network.vpcs, firewalls.firewalls),
    ...firewalls,
    securityGroups: buildSecurityGroups(context),
    networkAcls: buildNetworkAcls(context),
    ...buildCompute(context),
    vpcEndpoints,
    ...buildEdge(context),
    resourceShares: buildResourceShares(context),
    flowLogs: context.ofType('AWS::EC2::FlowLog').map((flowLog) => ({
      id: flowLog.id,
      source: flowLog.source,
      resourceId: context.reference(flowLog.prop('ResourceId')),
      trafficType: String(flowLog.prop('TrafficType') ?? 'ALL'),
    })),
    deployOrder: buildDeployOrder(assembly),
    diagnostics: [
      ...context.diagnostics,
      ...context.resolver.assumptions().map((message) => ({ severity: 'info' as const, message })),
    ],
  };
}
