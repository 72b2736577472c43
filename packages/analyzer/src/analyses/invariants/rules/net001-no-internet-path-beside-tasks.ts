import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { describeDestination, describeTarget, natVpcId, vpcsRunningWorkloads } from '../model-queries.js';
import { type Rule, violation } from '../rule.js';

/** Once a transit gateway carries a workload VPC's traffic, the central ingress and egress VPCs own the internet. */
export const net001: Rule = {
  id: 'NET001',
  title: 'No internet gateway or NAT gateway in a workload VPC attached to a transit gateway',
  rationale:
    'When a transit gateway carries a workload VPC to central ingress and egress VPCs, those VPCs are where ' +
    'inspection, logging and the allow list live. An internet gateway, a NAT gateway or a route to one left in ' +
    'the workload VPC is a second door that bypasses all of them.',
  severity: 'error',
  fix: 'Delete the internet gateway (and its VPCGatewayAttachment), the NAT gateways and their routes from the workload VPC; send 0.0.0.0/0 to the transit gateway.',
  check(model: NetworkModel): readonly Finding[] {
    const attachedVpcIds = new Set(model.transitGatewayAttachments.map((attachment) => attachment.vpcId));
    const guarded = new Set(
      vpcsRunningWorkloads(model)
        .filter((vpc) => attachedVpcIds.has(vpc.id))
        .map((vpc) => vpc.id),
    );
    const isGuarded = (vpcId: string | undefined): vpcId is string =>
      vpcId !== undefined && guarded.has(vpcId);
    const context = (vpcId: string) => `VPC ${vpcId} runs workloads and is attached to a transit gateway`;
    const gateways = model.internetGateways.flatMap(({ vpcId, source }) =>
      isGuarded(vpcId)
        ? [
            violation(
              net001,
              source,
              `internet gateway attached to ${vpcId}; ${context(vpcId)}, so this is a path around the central egress and ingress. Detach and delete it.`,
            ),
          ]
        : [],
    );
    const nats = model.natGateways.flatMap((nat) => {
      const vpcId = natVpcId(model, nat);
      const where =
        nat.placement.kind === 'regional'
          ? `regional NAT gateway in ${vpcId}`
          : `NAT gateway in subnet ${nat.placement.subnetId}`;
      return isGuarded(vpcId)
        ? [
            violation(
              net001,
              nat.source,
              `${where}; ${context(vpcId)}, so this is an egress path around the central firewall. Delete it and route 0.0.0.0/0 to the transit gateway.`,
            ),
          ]
        : [];
    });
    const routes = model.routeTables
      .filter((table) => guarded.has(table.vpcId))
      .flatMap((table) =>
        table.routes.flatMap((route) =>
          route.target.kind === 'internet-gateway' || route.target.kind === 'nat-gateway'
            ? [
                violation(
                  net001,
                  route.source,
                  `route table ${table.id} sends ${describeDestination(route.destination)} to ${describeTarget(route.target)}; ${context(table.vpcId)}. Route it to the transit gateway instead.`,
                ),
              ]
            : [],
        ),
      );
    return [...gateways, ...nats, ...routes];
  },
};
