import { byId, locationOf, nameOf, resolvedOr, type SceneContext, unresolvedAz } from './scene-context.js';
import type { AttachedFirewallLink, Box } from './scene-types.js';

/** An account's regional services, outside any VPC, and the firewalls among them joined to a transit gateway. */
export interface RegionalBoxes {
  readonly boxes: readonly Box[];
  readonly attachedFirewalls: readonly AttachedFirewallLink[];
}

/**
 * The regional services of the given stacks: transit gateways (with their route tables placed on them),
 * firewalls attached to a transit gateway, web ACLs, then REST and HTTP APIs (with their stages placed on them).
 */
export const regionalBoxes = (context: SceneContext, stacks: ReadonlySet<string>): RegionalBoxes => {
  const { model, nodeName, placements, tgwNodes } = context;
  const boxes: Box[] = [];
  const attachedFirewalls: AttachedFirewallLink[] = [];
  for (const tgw of byId(model.transitGateways).filter((t) => stacks.has(t.source.stack))) {
    const node = tgwNodes.get(tgw.id) ?? nodeName('tgw');
    boxes.push({
      kind: 'transit-gateway',
      node,
      title: 'Transit gateway',
      detail: nameOf(tgw),
      location: locationOf(tgw),
    });
    placements.set(tgw.id, { kind: 'box', ref: node });
  }
  for (const table of model.transitGatewayRouteTables) {
    const node = tgwNodes.get(table.transitGatewayId);
    if (node) placements.set(table.id, { kind: 'box', ref: node });
  }
  for (const firewall of byId(model.firewalls).filter((f) => stacks.has(f.source.stack))) {
    const attachment = firewall.transitGatewayAttachment;
    const transitGateway = attachment && tgwNodes.get(attachment.transitGatewayId);
    if (attachment === undefined || transitGateway === undefined) continue;
    const node = nodeName('firewall');
    const zones = attachment.availabilityZones.map((zone) => resolvedOr(zone, unresolvedAz)).join(', ');
    boxes.push({
      kind: 'attached-firewall',
      node,
      title: 'Network Firewall (TGW-attached)',
      detail: `${nameOf(firewall)}: endpoints in ${zones}`,
      location: locationOf(firewall),
    });
    placements.set(firewall.id, { kind: 'box', ref: node });
    placements.set(attachment.id, { kind: 'box', ref: node });
    attachedFirewalls.push({ transitGateway, firewall: node });
  }
  for (const acl of byId(model.webAcls).filter((w) => stacks.has(w.source.stack))) {
    const node = nodeName('waf');
    const detail = `${nameOf(acl)}: ${acl.rules.length} rules, default ${acl.defaultAction}`;
    boxes.push({ kind: 'web-acl', node, title: 'AWS WAF web ACL', detail, location: locationOf(acl) });
    placements.set(acl.id, { kind: 'box', ref: node });
  }
  const apis = [
    ...byId(model.restApis).map((api) => ({ api, title: `API Gateway (${api.endpointType})` })),
    ...byId(model.httpApis).map((api) => ({ api, title: 'API Gateway (HTTP API)' })),
  ];
  for (const { api, title } of apis.filter(({ api: a }) => stacks.has(a.source.stack))) {
    const node = nodeName('api');
    const stages = api.stages.map((stage) => stage.stageName).join(', ');
    const detail = stages ? `${nameOf(api)}, stage ${stages}` : nameOf(api);
    boxes.push({ kind: 'api', node, title, detail, location: locationOf(api) });
    placements.set(api.id, { kind: 'box', ref: node });
    for (const stage of api.stages) placements.set(stage.id, { kind: 'box', ref: node });
  }
  return { boxes, attachedFirewalls };
};
