import { FirewallEndpointRef, isValueObject, ResourceRef, Unresolved, type Value } from './values.js';

/**
 * `Fn::GetAtt [Firewall, EndpointIds]`, evaluated exactly. The attribute is a list of "az:vpce-id" strings, one per
 * subnet mapping, "not listed in any particular order"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-networkfirewall-firewall.html#aws-resource-networkfirewall-firewall-return-values).
 * The AZs are known from the subnet mappings; the ids and the order are not. So the resolver evaluates an
 * expression that reads the list once for every order the list can have, with each id as an opaque token:
 * an expression that picks the endpoint of one AZ (by `Fn::Join`, `Fn::Split` and `Fn::Select` around the AZ
 * name, say) yields the same token in every order and resolves to that endpoint; one that picks by position
 * (`Fn::Select [i, EndpointIds]`) yields different tokens and resolves to a position, with the AZ it gets when
 * the list follows the subnet mappings. Nothing is matched by the shape of the expression.
 */

/** One endpoint id: the firewall it belongs to and its AZ. */
interface EndpointId {
  readonly stack: string;
  readonly firewallLogicalId: string;
  readonly availabilityZone: string;
}

// Private-use characters: no template writes them, so a token is never confused with template text.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const TOKEN = /\uE000(\d+)\uE001/g;
const WHOLE_TOKEN = /^\uE000(\d+)\uE001$/;

/**
 * An EC2 id is a prefix, a hyphen and lower-case letters and digits, such as `vpce-0123456789abcdef0`
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html).
 */
const ID_CHARACTER = /[0-9a-z-]/;

/** More orderings than this (eight AZs of one firewall) are not enumerated: the value stays unknown. */
const MAX_ORDERINGS = 40_320;

/** The endpoint ids met while evaluating, as tokens that stand for them in strings. */
export class EndpointIdTokens {
  private readonly ids: EndpointId[] = [];
  private readonly byKey = new Map<string, number>();

  token(id: EndpointId): string {
    const key = `${id.stack}/${id.firewallLogicalId}/${id.availabilityZone}`;
    let index = this.byKey.get(key);
    if (index === undefined) {
      index = this.ids.length;
      this.ids.push(id);
      this.byKey.set(key, index);
    }
    return `${OPEN}${index}${CLOSE}`;
  }

  /** A string that holds an endpoint id the templates do not know, or that is not a string. */
  static holdsToken(value: Value): boolean {
    return typeof value === 'string' && value.includes(OPEN);
  }

  /**
   * Whether `Fn::Split` by `delimiter` cuts a string that holds endpoint ids exactly where it would cut the real
   * ids: the delimiter neither begins nor ends with a character an id can have, nor contains an id, so no
   * occurrence of it can overlap one.
   */
  static splitsAroundIds(delimiter: string): boolean {
    const first = delimiter.charAt(0);
    const last = delimiter.charAt(delimiter.length - 1);
    return (
      delimiter !== '' &&
      !ID_CHARACTER.test(first) &&
      !ID_CHARACTER.test(last) &&
      !delimiter.includes('vpce-') &&
      !delimiter.includes(OPEN) &&
      !delimiter.includes(CLOSE)
    );
  }

  /** The text with each token named in words, for a reason a person reads. */
  describe(text: string): string {
    return text.replace(TOKEN, (_whole, index: string) => {
      const id = this.ids[Number(index)];
      return id === undefined ? '?' : `<${id.firewallLogicalId}'s endpoint id in ${id.availabilityZone}>`;
    });
  }

  /** The value one evaluation gave, with its tokens turned into what the model reads. */
  finish(value: Value): Value {
    if (typeof value === 'string') {
      const whole = WHOLE_TOKEN.exec(value);
      const id = whole === null ? undefined : this.ids[Number(whole[1])];
      if (id !== undefined) {
        return new FirewallEndpointRef(id.stack, id.firewallLogicalId, {
          kind: 'zone',
          availabilityZone: id.availabilityZone,
        });
      }
      return EndpointIdTokens.holdsToken(value)
        ? new Unresolved(`'${this.describe(value)}' holds a firewall endpoint id, known only after deploy`)
        : value;
    }
    if (value instanceof Unresolved) return new Unresolved(this.describe(value.reason));
    if (Array.isArray(value)) return value.map((item: Value) => this.finish(item));
    if (isValueObject(value))
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.finish(item)]));
    return value;
  }

  /**
   * The values of one expression evaluated in every ordering of the lists it read (`results[0]` in the subnet
   * mappings' order): where they agree, the value; where they differ, a position in `EndpointIds` or unknown.
   */
  combine(results: readonly Value[], firewalls: readonly string[]): Value {
    const [first] = results;
    if (first === undefined) return null;
    if (results.every((result) => sameValue(result, first))) return this.finish(first);
    if (Array.isArray(first) && results.every((r) => Array.isArray(r) && r.length === first.length)) {
      return first.map((_item: Value, position: number) =>
        this.combine(
          results.map((result) => (result as readonly Value[])[position] ?? null),
          firewalls,
        ),
      );
    }
    if (isValueObject(first)) {
      const keys = Object.keys(first);
      if (results.every((r) => isValueObject(r) && sameKeys(Object.keys(r), keys))) {
        return Object.fromEntries(
          keys.map((key) => [
            key,
            this.combine(
              results.map((result) => (result as Record<string, Value>)[key] ?? null),
              firewalls,
            ),
          ]),
        );
      }
    }
    return this.byPosition(results, firewalls);
  }

  /** Different endpoints in different orderings: the expression picks by position. */
  private byPosition(results: readonly Value[], firewalls: readonly string[]): Value {
    const picked = results.map((result) => {
      const whole = typeof result === 'string' ? WHOLE_TOKEN.exec(result) : null;
      return whole === null ? undefined : this.ids[Number(whole[1])];
    });
    const [assumed] = picked;
    const owners = new Set(
      picked.map((id) => (id === undefined ? undefined : `${id.stack}/${id.firewallLogicalId}`)),
    );
    if (assumed !== undefined && owners.size === 1 && !owners.has(undefined)) {
      return new FirewallEndpointRef(assumed.stack, assumed.firewallLogicalId, {
        kind: 'position',
        assumedAvailabilityZone: assumed.availabilityZone,
      });
    }
    return new Unresolved(
      `the value depends on the order of ${firewalls.map((name) => `${name}.EndpointIds`).join(' and ')}, which AWS does not document`,
    );
  }
}

/**
 * Every ordering of the lists read, each as a permutation per list (`perm[i]` = the subnet mapping at position
 * i); the first ordering is the subnet mappings' own. Undefined when there are too many to enumerate.
 */
export function orderingsOf(
  lengths: ReadonlyMap<string, number>,
): ReadonlyMap<string, readonly number[]>[] | undefined {
  let count = 1;
  for (const length of lengths.values()) count *= factorial(length);
  if (count > MAX_ORDERINGS) return undefined;
  let orderings: Map<string, readonly number[]>[] = [new Map()];
  for (const [key, length] of lengths) {
    orderings = orderings.flatMap((ordering) =>
      permutations(length).map((permutation) => new Map([...ordering, [key, permutation]])),
    );
  }
  return orderings;
}

/** Every order of `length` positions, the identity first (the last position inserted at the end first). */
function permutations(length: number): number[][] {
  if (length <= 1) return [Array.from({ length }, (_, index) => index)];
  return permutations(length - 1).flatMap((shorter) =>
    Array.from({ length }, (_, step) => {
      const at = length - 1 - step;
      return [...shorter.slice(0, at), length - 1, ...shorter.slice(at)];
    }),
  );
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

const sameKeys = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((key) => b.includes(key));

function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a instanceof Unresolved || b instanceof Unresolved)
    return a instanceof Unresolved && b instanceof Unresolved && a.reason === b.reason;
  if (a instanceof ResourceRef || b instanceof ResourceRef)
    return (
      a instanceof ResourceRef &&
      b instanceof ResourceRef &&
      a.stack === b.stack &&
      a.logicalId === b.logicalId &&
      a.attribute === b.attribute
    );
  if (Array.isArray(a) || Array.isArray(b))
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item: Value, index: number) => sameValue(item, (b as readonly Value[])[index] ?? null))
    );
  if (isValueObject(a) && isValueObject(b)) {
    const keys = Object.keys(a);
    return sameKeys(keys, Object.keys(b)) && keys.every((key) => sameValue(a[key] ?? null, b[key] ?? null));
  }
  return false;
}
