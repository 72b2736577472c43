import type { Route, RouteTable, TransitGatewayRoute, TransitGatewayRouteTable } from '../../model/types.js';
import { type Address, addressWithin } from './address.js';
import type { ModelIndex } from './model-index.js';

export type Lookup<R> =
  | { readonly kind: 'match'; readonly route: R; readonly destination: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * Longest prefix match: the most specific route that covers the destination wins; the `local` route of a VPC
 * CIDR cannot be overridden by a broader one. A prefix-list route counts with the length of its most specific
 * matching entry; an AWS-managed list (S3, DynamoDB) matches the public addresses of its service.
 * https://docs.aws.amazon.com/vpc/latest/userguide/how-route-tables-work.html#route-tables-priority
 */
export function lookupRoute(index: ModelIndex, table: RouteTable, destination: Address): Lookup<Route> {
  let best: { route: Route; length: number; text: string } | undefined;
  let unresolved: string | undefined;
  for (const route of table.routes) {
    const match = routeMatch(index, route, destination);
    if (typeof match === 'string') {
      unresolved ??= match;
      continue;
    }
    if (match !== undefined && (best === undefined || match.length > best.length)) best = { route, ...match };
  }
  if (best !== undefined) return { kind: 'match', route: best.route, destination: best.text };
  return unresolved !== undefined ? { kind: 'unknown', reason: unresolved } : { kind: 'none' };
}

function routeMatch(
  index: ModelIndex,
  route: Route,
  destination: Address,
): { length: number; text: string } | string | undefined {
  const target = route.destination;
  if (target.kind === 'cidr') {
    const cidr = index.cidr(target.cidr);
    if (cidr === undefined)
      return target.cidr.known ? undefined : `a route of ${route.source.logicalId}: ${target.cidr.reason}`;
    return addressWithin(destination, cidr) ? { length: cidr.prefixLength, text: cidr.text } : undefined;
  }
  if (target.service !== undefined) {
    return destination.kind === 'public' && destination.service === target.service
      ? { length: 32, text: `prefix list of ${target.service}` }
      : undefined;
  }
  const list = target.prefixListId.known ? index.prefixLists.get(target.prefixListId.value) : undefined;
  if (list === undefined) return undefined;
  let length: number | undefined;
  for (const entry of list.cidrs) {
    const cidr = index.cidr(entry);
    if (cidr !== undefined && addressWithin(destination, cidr))
      length = Math.max(length ?? 0, cidr.prefixLength);
  }
  return length === undefined ? undefined : { length, text: `prefix list ${list.source.logicalId}` };
}

/** Longest prefix match in a transit gateway route table; static routes win over propagated ones of equal length. */
export function lookupTgwRoute(
  index: ModelIndex,
  table: TransitGatewayRouteTable,
  destination: Address,
): Lookup<TransitGatewayRoute> {
  let best: { route: TransitGatewayRoute; length: number; text: string } | undefined;
  let unresolved: string | undefined;
  for (const route of table.routes) {
    const cidr = index.cidr(route.destination);
    if (cidr === undefined) {
      if (!route.destination.known) unresolved ??= route.destination.reason;
      continue;
    }
    if (!addressWithin(destination, cidr)) continue;
    const better =
      best === undefined ||
      cidr.prefixLength > best.length ||
      (cidr.prefixLength === best.length && route.origin === 'static' && best.route.origin === 'propagated');
    if (better) best = { route, length: cidr.prefixLength, text: cidr.text };
  }
  if (best !== undefined) return { kind: 'match', route: best.route, destination: best.text };
  return unresolved !== undefined ? { kind: 'unknown', reason: unresolved } : { kind: 'none' };
}
