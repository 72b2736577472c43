import type { ElementId, LoadBalancer, NetworkModel, Source } from '../../model/types.js';
import { byId, locationOf, nameOf, resolvedOr } from './scene-context.js';
import type { CellKind } from './scene-types.js';

/** A resource's ENI in a subnet, before the subnet is laid out and the cell gets its node. */
export interface PendingCell {
  readonly elementId: ElementId;
  readonly kind: CellKind;
  readonly title: string;
  readonly detail: string;
  readonly location: string;
}

const loadBalancerTitle = (lb: LoadBalancer): string =>
  `${lb.kind === 'application' ? 'ALB' : 'NLB'} (${lb.scheme})`;

/** The resources with an ENI in each subnet, by subnet id, each kind in id order. */
export const cellsBySubnet = (model: NetworkModel): ReadonlyMap<ElementId, readonly PendingCell[]> => {
  const pending = new Map<ElementId, PendingCell[]>();
  const addCell = (
    subnetId: ElementId,
    element: { readonly id: ElementId; readonly source: Source },
    cell: Omit<PendingCell, 'elementId' | 'location'>,
  ): void => {
    const placed: PendingCell = { ...cell, elementId: element.id, location: locationOf(element) };
    pending.set(subnetId, [...(pending.get(subnetId) ?? []), placed]);
  };
  for (const lb of byId(model.loadBalancers)) {
    for (const subnetId of lb.subnetIds) {
      const ip = lb.privateIpsBySubnet[subnetId];
      const detail = ip?.known ? `${nameOf(lb)} ${ip.value}` : nameOf(lb);
      addCell(subnetId, lb, { kind: 'load-balancer', title: loadBalancerTitle(lb), detail });
    }
  }
  for (const link of byId(model.vpcLinks)) {
    for (const subnetId of link.subnetIds) {
      addCell(subnetId, link, { kind: 'vpc-link', title: 'VPC link ENI', detail: nameOf(link) });
    }
  }
  for (const nat of byId(model.natGateways)) {
    if (nat.placement.kind === 'zonal')
      addCell(nat.placement.subnetId, nat, {
        kind: 'nat-gateway',
        title: 'NAT gateway',
        detail: nameOf(nat),
      });
  }
  for (const firewall of byId(model.firewalls)) {
    for (const subnetId of firewall.subnetIds) {
      addCell(subnetId, firewall, {
        kind: 'firewall-endpoint',
        title: 'Firewall endpoint',
        detail: nameOf(firewall),
      });
    }
  }
  for (const instance of byId(model.instances)) {
    const detail = instance.publicIp ? `${nameOf(instance)} (public IP)` : nameOf(instance);
    addCell(instance.subnetId, instance, { kind: 'instance', title: 'EC2 instance', detail });
  }
  for (const service of byId(model.ecsServices)) {
    const title = service.launchType === 'FARGATE' ? 'Fargate tasks' : 'ECS tasks';
    for (const subnetId of service.subnetIds) {
      addCell(subnetId, service, { kind: 'task', title, detail: nameOf(service) });
    }
  }
  for (const endpoint of byId(model.vpcEndpoints).filter((e) => e.kind !== 'Gateway')) {
    for (const subnetId of endpoint.subnetIds) {
      addCell(subnetId, endpoint, {
        kind: 'interface-endpoint',
        title: 'Endpoint',
        detail: resolvedOr(endpoint.service, nameOf(endpoint)),
      });
    }
  }
  for (const attachment of byId(model.transitGatewayAttachments)) {
    for (const subnetId of attachment.subnetIds) {
      addCell(subnetId, attachment, { kind: 'tgw-eni', title: 'TGW ENI', detail: nameOf(attachment) });
    }
  }
  return pending;
};
