import type { Assembly, StackTemplate } from '../assembly/load-assembly.js';
import { EndpointIdTokens, orderingsOf } from './endpoint-ids.js';
import { isJsonObject, type Json, type JsonObject } from './template.js';
import { isValueObject, ResourceRef, Unresolved, type Value } from './values.js';

/**
 * Symbolic evaluation of CloudFormation intrinsic functions across the stacks of an assembly
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html).
 * A reference to a resource stays a `ResourceRef`, so that the model can link elements; a value that only
 * exists after deploy becomes `Unresolved` with the reason. Nothing is guessed.
 */
export interface Resolver {
  resolve(stack: string, value: Json | undefined): Value | undefined;
  /** The value of a condition of the stack's `Conditions` section. */
  condition(stack: string, name: string): boolean | Unresolved;
  stack(name: string): StackTemplate | undefined;
}

/** Removed from lists and objects, as CloudFormation does with `AWS::NoValue`. */
const NO_VALUE = Symbol('AWS::NoValue');
type Evaluated = Value | typeof NO_VALUE;

/** Deep enough for any real chain of ImportValue/SSM hops; a cycle stops here instead of overflowing. */
const MAX_DEPTH = 32;

const SSM_PARAMETER_TYPE = /^AWS::SSM::Parameter::Value<(String|List<String>|CommaDelimitedList)>$/;
const SSM_DYNAMIC_REFERENCE = /^\{\{resolve:ssm:(.+?)(?::\d+)?\}\}$/;

/** Attributes that hold a value written in the template, not one made at deploy. */
const PROPERTY_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'AWS::EC2::VPC': { CidrBlock: 'CidrBlock' },
  'AWS::EC2::Subnet': { AvailabilityZone: 'AvailabilityZone', CidrBlock: 'CidrBlock', VpcId: 'VpcId' },
  'AWS::EC2::SecurityGroup': { VpcId: 'VpcId' },
  'AWS::SSM::Parameter': { Value: 'Value' },
};

export function createResolver(assembly: Assembly): Resolver {
  const stacks = new Map(assembly.stacks.map((stack) => [stack.name, stack]));
  const exports = new Map<string, { stack: string; value: Json }>();
  const ssmParameters = new Map<string, { stack: string; value: Json }>();
  let indexed = false;
  const endpointIds = new EndpointIdTokens();
  /** The `EndpointIds` lists the current expression read: firewall key → the AZs of its subnet mappings. */
  const listsRead = new Map<string, { readonly logicalId: string; readonly zones: readonly string[] }>();
  /** The order each list has in the evaluation under way; absent means the subnet mappings' order. */
  let ordering: ReadonlyMap<string, readonly number[]> = new Map();

  /** Export names and SSM parameter names may themselves be intrinsics; index them on first use. */
  function indexCrossStackValues(): void {
    if (indexed) return;
    indexed = true;
    for (const stack of assembly.stacks) {
      for (const output of Object.values(stack.template.Outputs ?? {})) {
        if (output.Export === undefined) continue;
        const name = evaluate(stack.name, output.Export.Name, 0);
        if (typeof name === 'string') exports.set(name, { stack: stack.name, value: output.Value });
      }
      for (const resource of Object.values(stack.template.Resources)) {
        if (resource.Type !== 'AWS::SSM::Parameter' || resource.Properties === undefined) continue;
        const name = evaluate(stack.name, resource.Properties.Name, 0);
        const value = resource.Properties.Value;
        if (typeof name === 'string' && value !== undefined)
          ssmParameters.set(name, { stack: stack.name, value });
      }
    }
  }

  function readSsm(reference: string, depth: number): Value {
    indexCrossStackValues();
    const name = ssmParameterName(reference);
    const writer = ssmParameters.get(name) ?? ssmParameters.get(name.replace(/^\//, ''));
    if (writer === undefined) {
      return new Unresolved(`SSM parameter '${name}' is not written by any stack of the assembly`);
    }
    return dropNoValue(evaluate(writer.stack, writer.value, depth + 1));
  }

  function parameter(stack: StackTemplate, name: string, depth: number): Value {
    const declared = stack.template.Parameters?.[name];
    if (declared === undefined)
      return new Unresolved(`'${name}' is neither a parameter nor a resource of ${stack.name}`);
    if (SSM_PARAMETER_TYPE.test(declared.Type)) {
      return typeof declared.Default === 'string'
        ? readSsm(declared.Default, depth)
        : new Unresolved(`parameter '${name}' reads an SSM parameter whose name is given at deploy time`);
    }
    if (declared.Default === undefined) {
      return new Unresolved(
        `parameter '${name}' of ${stack.name} has no Default; its value is given at deploy time`,
      );
    }
    return dropNoValue(evaluate(stack.name, declared.Default, depth + 1));
  }

  function pseudo(stack: StackTemplate, name: string): Evaluated {
    switch (name) {
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::Region':
        return stack.region.known ? stack.region.value : new Unresolved(stack.region.reason);
      case 'AWS::AccountId':
        return stack.account.known ? stack.account.value : new Unresolved(stack.account.reason);
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return stack.stackName;
      default:
        return new Unresolved(`pseudo parameter ${name} is known only at deploy time`);
    }
  }

  function ref(stackName: string, name: string, depth: number): Evaluated {
    const stack = stacks.get(stackName);
    if (stack === undefined) return new Unresolved(`unknown stack ${stackName}`);
    if (name.startsWith('AWS::')) return pseudo(stack, name);
    if (stack.template.Resources[name] !== undefined) return new ResourceRef(stackName, name);
    return parameter(stack, name, depth);
  }

  function getAtt(stackName: string, logicalId: string, attribute: string, depth: number): Value {
    const resource = stacks.get(stackName)?.template.Resources[logicalId];
    if (resource === undefined)
      return new Unresolved(`Fn::GetAtt names '${logicalId}', which is not a resource of ${stackName}`);
    if (resource.Type === 'AWS::NetworkFirewall::Firewall' && attribute === 'EndpointIds') {
      return firewallEndpointIds(stackName, logicalId, depth);
    }
    const property = PROPERTY_ATTRIBUTES[resource.Type]?.[attribute];
    if (property !== undefined) {
      const value = evaluate(stackName, resource.Properties?.[property], depth + 1);
      return value === NO_VALUE || value === undefined
        ? new Unresolved(`${logicalId}.${attribute} is chosen by AWS at deploy time`)
        : value;
    }
    // Ids and ARNs name the resource itself, which is what the model links on.
    if (/(Id|Arn|Name)$/.test(attribute)) return new ResourceRef(stackName, logicalId, attribute);
    return new Unresolved(`${logicalId}.${attribute} is known only after deploy`);
  }

  /**
   * One "az:vpce-id" string per subnet mapping, the ids as tokens, in the order of the evaluation under way
   * (see endpoint-ids.ts). The AZs are those of the mapped subnets.
   */
  function firewallEndpointIds(stackName: string, logicalId: string, depth: number): Value {
    const mappings = evaluate(
      stackName,
      stacks.get(stackName)?.template.Resources[logicalId]?.Properties?.SubnetMappings,
      depth + 1,
    );
    if (!Array.isArray(mappings)) {
      return new Unresolved(
        `${logicalId}.EndpointIds: the firewall's SubnetMappings are not a list the templates give`,
      );
    }
    const zones: string[] = [];
    for (const [position, mapping] of (mappings as readonly Value[]).entries()) {
      const subnet = isValueObject(mapping) ? mapping.SubnetId : undefined;
      const zone =
        subnet instanceof ResourceRef
          ? getAtt(subnet.stack, subnet.logicalId, 'AvailabilityZone', depth + 1)
          : unresolvedFrom(subnet ?? null, 'SubnetId');
      if (typeof zone !== 'string') {
        return new Unresolved(
          `${logicalId}.EndpointIds: the AZ of subnet mapping ${position} is unknown (${unresolvedFrom(zone, 'AvailabilityZone').reason})`,
        );
      }
      zones.push(zone);
    }
    const key = `${stackName}/${logicalId}`;
    listsRead.set(key, { logicalId, zones });
    const order = ordering.get(key) ?? zones.map((_zone, position) => position);
    return order.map((position) => {
      const zone = zones[position] ?? '';
      return `${zone}:${endpointIds.token({ stack: stackName, firewallLogicalId: logicalId, availabilityZone: zone })}`;
    });
  }

  function importValue(name: Value, depth: number): Value {
    if (typeof name !== 'string' || EndpointIdTokens.holdsToken(name))
      return unresolvedFrom(name, 'Fn::ImportValue');
    indexCrossStackValues();
    const exported = exports.get(name);
    if (exported === undefined) return new Unresolved(`no stack of the assembly exports '${name}'`);
    return dropNoValue(evaluate(exported.stack, exported.value, depth + 1));
  }

  function sub(stackName: string, args: Json, depth: number): Value {
    const [text, variables] = Array.isArray(args) ? [args[0], args[1]] : [args, undefined];
    if (typeof text !== 'string') return new Unresolved('Fn::Sub needs a string');
    let failure: Value | undefined;
    const result = text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      const bound = isJsonObject(variables) ? variables[name] : undefined;
      const dot = name.indexOf('.');
      const value =
        bound !== undefined
          ? evaluate(stackName, bound, depth + 1)
          : dot > 0 && !name.startsWith('AWS::')
            ? getAtt(stackName, name.slice(0, dot), name.slice(dot + 1), depth)
            : ref(stackName, name, depth);
      if (typeof value === 'string' || typeof value === 'number') return String(value);
      failure ??= value === NO_VALUE ? new Unresolved(`\${${name}} is AWS::NoValue`) : value;
      return whole;
    });
    return failure === undefined ? result : unresolvedFrom(failure, 'Fn::Sub');
  }

  function select(index: Value, list: Value): Value {
    if ((typeof index !== 'number' && typeof index !== 'string') || EndpointIdTokens.holdsToken(index))
      return unresolvedFrom(index, 'Fn::Select index');
    const position = Number(index);
    if (!Array.isArray(list)) return unresolvedFrom(list, 'Fn::Select list');
    return (
      list[position] ??
      new Unresolved(`Fn::Select index ${position} is past the end of a list of ${list.length}`)
    );
  }

  function split(delimiter: Value, text: Value): Value {
    if (typeof delimiter !== 'string' || EndpointIdTokens.holdsToken(delimiter))
      return unresolvedFrom(delimiter, 'Fn::Split delimiter');
    if (typeof text !== 'string') return unresolvedFrom(text, 'Fn::Split');
    if (EndpointIdTokens.holdsToken(text) && !EndpointIdTokens.splitsAroundIds(delimiter)) {
      return new Unresolved(
        `Fn::Split by '${delimiter}' could cut inside a firewall endpoint id, whose characters are known only after deploy`,
      );
    }
    return text.split(delimiter);
  }

  function join(delimiter: Value, list: Value): Value {
    if (typeof delimiter !== 'string' || EndpointIdTokens.holdsToken(delimiter))
      return unresolvedFrom(delimiter, 'Fn::Join');
    if (!Array.isArray(list)) return unresolvedFrom(list, 'Fn::Join');
    const parts: string[] = [];
    for (const part of list as readonly Value[]) {
      if (typeof part !== 'string' && typeof part !== 'number') return unresolvedFrom(part, 'Fn::Join');
      parts.push(String(part));
    }
    return parts.join(delimiter);
  }

  function findInMap(stackName: string, args: readonly Value[]): Value {
    const [map, first, second] = args;
    const key = (arg: Value | undefined): arg is string =>
      typeof arg === 'string' && !EndpointIdTokens.holdsToken(arg);
    if (!key(map) || !key(first) || !key(second)) {
      return unresolvedFrom(args.find((arg) => !key(arg)) ?? null, 'Fn::FindInMap');
    }
    const found = stacks.get(stackName)?.template.Mappings?.[map]?.[first]?.[second];
    return found === undefined
      ? new Unresolved(`Fn::FindInMap ${map}.${first}.${second} is not in the template`)
      : evaluateOrNull(stackName, found);
  }

  function evaluateOrNull(stackName: string, json: Json): Value {
    return dropNoValue(evaluate(stackName, json, 0));
  }

  function conditionValue(stackName: string, json: Json, depth: number): boolean | Unresolved {
    if (depth > MAX_DEPTH) return new Unresolved('conditions nest too deeply (a cycle?)');
    if (typeof json === 'boolean') return json;
    if (!isJsonObject(json)) return new Unresolved('a condition must be an object');
    const [name, args] = Object.entries(json)[0] ?? [];
    const list = Array.isArray(args) ? (args as readonly Json[]) : [];
    switch (name) {
      case 'Condition':
        return typeof args === 'string'
          ? namedCondition(stackName, args, depth + 1)
          : new Unresolved('bad Condition');
      case 'Fn::Equals': {
        const [left, right] = list.map((arg) => dropNoValue(evaluate(stackName, arg, depth + 1)));
        if (EndpointIdTokens.holdsToken(left ?? null) || EndpointIdTokens.holdsToken(right ?? null))
          return new Unresolved(`Fn::Equals compares a firewall endpoint id, known only after deploy`);
        if (isPlain(left) && isPlain(right)) return String(left) === String(right);
        return unresolvedFrom(isPlain(left) ? (right ?? null) : (left ?? null), 'Fn::Equals');
      }
      case 'Fn::Not': {
        const inner = conditionValue(stackName, list[0] ?? null, depth + 1);
        return inner instanceof Unresolved ? inner : !inner;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const values = list.map((arg) => conditionValue(stackName, arg, depth + 1));
        const unresolved = values.find((value) => value instanceof Unresolved);
        if (unresolved !== undefined) return unresolved;
        return name === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
      }
      default:
        return new Unresolved(`unsupported condition function ${name ?? '(empty)'}`);
    }
  }

  function namedCondition(stackName: string, name: string, depth: number): boolean | Unresolved {
    const definition = stacks.get(stackName)?.template.Conditions?.[name];
    if (definition === undefined) return new Unresolved(`condition '${name}' is not defined in ${stackName}`);
    return conditionValue(stackName, definition, depth);
  }

  function intrinsic(stackName: string, name: string, args: Json, depth: number): Evaluated | undefined {
    const arg = (value: Json | undefined): Value =>
      dropNoValue(evaluate(stackName, value ?? null, depth + 1));
    const list = Array.isArray(args) ? (args as readonly Json[]) : [];
    switch (name) {
      case 'Ref':
        return typeof args === 'string' ? ref(stackName, args, depth) : new Unresolved('Ref needs a name');
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = typeof args === 'string' ? splitOnce(args) : list;
        const attributeValue = arg(attribute);
        return typeof logicalId === 'string' &&
          typeof attributeValue === 'string' &&
          !EndpointIdTokens.holdsToken(attributeValue)
          ? getAtt(stackName, logicalId, attributeValue, depth)
          : new Unresolved('Fn::GetAtt needs a resource and an attribute');
      }
      case 'Fn::Sub':
        return sub(stackName, args, depth);
      case 'Fn::Select':
        return select(arg(list[0]), arg(list[1]));
      case 'Fn::Split':
        return split(arg(list[0]), arg(list[1]));
      case 'Fn::Join':
        return join(arg(list[0]), arg(list[1]));
      case 'Fn::ImportValue':
        return importValue(arg(args), depth);
      case 'Fn::GetAZs':
        return new Unresolved(
          'Fn::GetAZs lists the Availability Zones of the account and region at deploy time',
        );
      case 'Fn::FindInMap':
        return findInMap(stackName, list.map(arg));
      case 'Fn::Base64':
        return arg(args);
      case 'Fn::If': {
        const [conditionName, whenTrue, whenFalse] = list;
        if (typeof conditionName !== 'string') return new Unresolved('Fn::If needs a condition name');
        const chosen = namedCondition(stackName, conditionName, depth + 1);
        if (chosen instanceof Unresolved) return chosen;
        return evaluate(stackName, (chosen ? whenTrue : whenFalse) ?? null, depth + 1);
      }
      case 'Fn::Cidr':
      case 'Fn::GetStackOutput':
        return new Unresolved(`${name} is not evaluated by Moat`);
      default:
        return undefined;
    }
  }

  function evaluate(stackName: string, json: Json | undefined, depth: number): Evaluated | undefined {
    if (json === undefined) return undefined;
    if (depth > MAX_DEPTH)
      return new Unresolved('references nest too deeply (a cycle of ImportValue or SSM?)');
    if (typeof json === 'string') {
      const ssm = SSM_DYNAMIC_REFERENCE.exec(json);
      return ssm?.[1] === undefined ? json : readSsm(ssm[1], depth);
    }
    if (json === null || typeof json !== 'object') return json;
    if (Array.isArray(json)) {
      return (json as readonly Json[])
        .map((item) => evaluate(stackName, item, depth + 1))
        .filter((item): item is Value => item !== NO_VALUE && item !== undefined);
    }
    const object = json as JsonObject;
    const keys = Object.keys(object);
    const first = keys[0];
    if (keys.length === 1 && first !== undefined && (first === 'Ref' || first.startsWith('Fn::'))) {
      const result = intrinsic(stackName, first, object[first] ?? null, depth);
      if (result !== undefined) return result;
    }
    const result: Record<string, Value> = {};
    for (const key of keys) {
      const value = evaluate(stackName, object[key], depth + 1);
      if (value !== NO_VALUE && value !== undefined) result[key] = value;
    }
    return result;
  }

  /**
   * An expression that read a firewall's `EndpointIds` is evaluated again in every order the list can have,
   * since AWS does not document it (see endpoint-ids.ts); it resolves only as far as the orders agree.
   */
  function resolve(stack: string, json: Json | undefined): Value | undefined {
    listsRead.clear();
    ordering = new Map();
    const value = evaluate(stack, json, 0);
    if (value === NO_VALUE || value === undefined) return undefined;
    if (listsRead.size === 0) return value;
    const lists = [...listsRead.entries()];
    const orderings = orderingsOf(new Map(lists.map(([key, list]) => [key, list.zones.length])));
    const names = lists.map(([, list]) => list.logicalId);
    if (orderings === undefined) {
      return new Unresolved(
        `${names.join(', ')}.EndpointIds: too many subnet mappings to evaluate every order`,
      );
    }
    const results = orderings.map((each, position) => {
      if (position === 0) return value;
      ordering = each;
      return dropNoValue(evaluate(stack, json, 0));
    });
    ordering = new Map();
    return endpointIds.combine(results, names);
  }

  return {
    resolve,
    condition: (stack, name) => namedCondition(stack, name, 0),
    stack: (name) => stacks.get(name),
  };
}

/**
 * A parameter shared across accounts is read by its ARN, `arn:aws:ssm:region:account:parameter/name`; the ARN of a
 * name with a leading slash drops that slash. https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-shared-parameters.html
 */
function ssmParameterName(reference: string): string {
  const match = /^arn:aws[\w-]*:ssm:[^:]*:[^:]*:parameter\/(.+)$/.exec(reference);
  return match?.[1] === undefined ? reference : `/${match[1]}`;
}

function dropNoValue(value: Evaluated | undefined): Value {
  return value === NO_VALUE || value === undefined ? null : value;
}

function splitOnce(text: string): [string, string] {
  const dot = text.indexOf('.');
  return [text.slice(0, dot), text.slice(dot + 1)];
}

const isPlain = (value: Value | undefined): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** Carries the first reason along, so that the user learns which input made the value unknown. */
function unresolvedFrom(value: Value, where: string): Unresolved {
  if (value instanceof Unresolved) return value;
  if (value instanceof ResourceRef) {
    return new Unresolved(`${where} uses the deploy-time ${value.attribute ?? 'id'} of ${value.logicalId}`);
  }
  return new Unresolved(`${where} got ${JSON.stringify(value)}`);
}
