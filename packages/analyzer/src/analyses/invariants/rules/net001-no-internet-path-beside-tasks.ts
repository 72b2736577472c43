import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { describeDestination, describeTarget, vpcsRunningWorkloads } from '../model-queries.js';
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
    return vpcsRunningWorkloads(model)
      .filter((vpc) => model.transitGatewayAttachments.some((attachment) => attachment.vpcId === vpc.id))
      .flatMap((vpc) => {
        const context = `VPC ${vpc.id} runs workloads and is attached to a transit gateway`;
        const gateways = model.internetGateways
          .filter((gateway) => gateway.vpcId === vpc.id)
          .map((gateway) =>
            violation(
              net001,
              gateway.source,
              `internet gateway attached to ${vpc.id}; ${context}, so this is a path around the central egress and ingress. Detach and delete it.`,
            ),
          );
        const subnetIds = new Set(model.subnets.filter((s) => s.vpcId === vpc.id).map((s) => s.id));
        const nats = model.natGateways
          .filter((nat) => subnetIds.has(nat.subnetId))
          .map((nat) =>
            violation(
              net001,
              nat.source,
              `NAT gateway in subnet ${nat.subnetId}; ${context}, so this is an egress path around the central firewall. Delete it and route 0.0.0.0/0 to the transit gateway.`,
            ),
          );
        const routes = model.routeTables
          .filter((table) => table.vpcId === vpc.id)
          .flatMap((table) =>
            table.routes.flatMap((route) =>
              route.target.kind === 'internet-gateway' || route.target.kind === 'nat-gateway'
                ? [
                    violation(
                      net001,
                      route.source,
                      `route table ${table.id} sends ${describeDestination(route.destination)} to ${describeTarget(route.target)}; ${context}. Route it to the transit gateway instead.`,
                    ),
                  ]
                : [],
            ),
          );
        return [...gateways, ...nats, ...routes];
      });
  },
};
