/**
 * What an intrinsic function evaluates to before deploy: a literal, a reference to a resource of the
 * assembly (its deploy-time id or ARN), a firewall endpoint picked from `EndpointIds`, or a value the
 * templates do not determine, with the reason.
 */
export class ResourceRef {
  constructor(
    readonly stack: string,
    readonly logicalId: string,
    /** The `Fn::GetAtt` attribute, or undefined for `Ref`. */
    readonly attribute?: string,
  ) {}
  get elementId(): string {
    return `${this.stack}/${this.logicalId}`;
  }
}

/**
 * The id of a Network Firewall endpoint, taken from `Fn::GetAtt [Firewall, EndpointIds]` (a list of
 * "az:vpce-id" strings whose order AWS does not document). `zone` when the expression yields the endpoint of
 * one AZ whatever that order; `position` when which endpoint it yields depends on the order, with the AZ it
 * yields if the list follows the firewall's subnet mappings (what index-based templates assume).
 */
export class FirewallEndpointRef {
  constructor(
    readonly stack: string,
    readonly firewallLogicalId: string,
    readonly pick:
      | { readonly kind: 'zone'; readonly availabilityZone: string }
      | { readonly kind: 'position'; readonly assumedAvailabilityZone: string },
  ) {}
}

export class Unresolved {
  constructor(readonly reason: string) {}
}

export type Value =
  | string
  | number
  | boolean
  | null
  | readonly Value[]
  | { readonly [key: string]: Value }
  | ResourceRef
  | FirewallEndpointRef
  | Unresolved;

export type ValueObject = { readonly [key: string]: Value };

const isSymbolic = (value: Value): value is ResourceRef | FirewallEndpointRef | Unresolved =>
  value instanceof ResourceRef || value instanceof FirewallEndpointRef || value instanceof Unresolved;

export const isValueObject = (value: Value | undefined): value is ValueObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !isSymbolic(value);

/** Why a value is not a literal, in words. */
export function describeNonLiteral(value: Value | undefined): string {
  if (value === undefined) return 'the property is absent';
  if (value instanceof Unresolved) return value.reason;
  if (value instanceof ResourceRef) {
    return `it is the deploy-time ${value.attribute ?? 'id'} of ${value.logicalId} (stack ${value.stack})`;
  }
  if (value instanceof FirewallEndpointRef) {
    return `it is a firewall endpoint id of ${value.firewallLogicalId}, known only after deploy`;
  }
  return `it is ${Array.isArray(value) ? 'a list' : typeof value}, not a single value`;
}
