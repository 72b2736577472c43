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

/** Deep enough for any real chain of ImportValue/SSM/nested-stack hops; a cycle stops here instead of overflowing. */
export const MAX_EVALUATION_DEPTH = 32;

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

export const isPlain = (value: Value | undefined): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** Carries the first reason along, so that the user learns which input made the value unknown. */
export function unresolvedFrom(value: Value, where: string): Unresolved {
  if (value instanceof Unresolved) return value;
  if (value instanceof ResourceRef) {
    return new Unresolved(`${where} uses the deploy-time ${value.attribute ?? 'id'} of ${value.logicalId}`);
  }
  if (value instanceof FirewallEndpointRef) {
    return new Unresolved(
      `${where} uses firewall endpoint ids of ${value.firewallLogicalId}, known only after deploy`,
    );
  }
  return new Unresolved(`${where} got ${JSON.stringify(value)}`);
}

/** The first part of a value that is not a literal (a reference, an unknown), if any. */
export function symbolicPart(value: Value): Value | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) return value.map(symbolicPart).find((part) => part !== undefined);
  if (!isValueObject(value)) return value;
  return Object.values(value)
    .map(symbolicPart)
    .find((part) => part !== undefined);
}

/** `A.B.C` as `Fn::GetAtt` reads it: the resource `A` and the attribute `B.C`. */
export function splitAtFirstDot(text: string): [string, string] {
  const dot = text.indexOf('.');
  return [text.slice(0, dot), text.slice(dot + 1)];
}
