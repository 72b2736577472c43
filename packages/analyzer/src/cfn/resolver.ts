import type { Assembly, StackTemplate } from '../assembly/load-assembly.js';
import { AVAILABILITY_ZONES_SOURCE, availabilityZonesOf, GETAZS_ASSUMPTION } from './availability-zones.js';
import { cidrBlocks } from './cidr.js';
import { createConditions } from './conditions.js';
import { customResource } from './custom-resources.js';
import { EndpointIdTokens, orderingsOf } from './endpoint-ids.js';
import { join, select, split } from './list-functions.js';
import { createNestedStackValues, NESTED_STACK } from './nested-stack-values.js';
import { declaredDefault, SSM_VALUE_TYPE, typedValue } from './parameter-types.js';
import { pseudoParameter } from './pseudo-parameters.js';
import { isJsonObject, type Json, type JsonObject } from './template.js';
import {
  isPlain,
  isValueObject,
  MAX_EVALUATION_DEPTH,
  ResourceRef,
  splitAtFirstDot,
  symbolicPart,
  Unresolved,
  unresolvedFrom,
  type Value,
} from './values.js';

/**
 * Symbolic evaluation of CloudFormation intrinsic functions across the stacks of an assembly
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html).
 * A reference to a resource stays a `ResourceRef`, so that the model can link elements; a value that only
 * exists after deploy becomes `Unresolved` with the reason. Nothing is guessed.
 */
export interface Resolver {
  resolve(stack: string, value: Json | undefined): Value | undefined;
  /**
   * Whether a resource is created: its `Condition`, and for a nested stack's resource, its parent stack
   * resource's, up to the root (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html).
   */
  deployed(stack: string, logicalId: string): boolean | Unresolved;
  stack(name: string): StackTemplate | undefined;
  /** Facts the evaluation assumed (such as the AZs `Fn::GetAZs` returns), each once. */
  assumptions(): readonly string[];
}

/** Removed from lists and objects, as CloudFormation does with `AWS::NoValue`. */
const NO_VALUE = Symbol('AWS::NoValue');
type Evaluated = Value | typeof NO_VALUE;

const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

const SSM_DYNAMIC_REFERENCE = /^\{\{resolve:ssm:(.+?)(?::\d+)?\}\}$/;

/** Attributes that hold a value written in the template, not one made at deploy. */
const PROPERTY_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'AWS::EC2::VPC': { CidrBlock: 'CidrBlock' },
  'AWS::EC2::Subnet': { CidrBlock: 'CidrBlock', VpcId: 'VpcId' },
  'AWS::EC2::SecurityGroup': { VpcId: 'VpcId' },
  'AWS::SSM::Parameter': { Value: 'Value' },
};

/** The attributes of a subnet that say where it is: `subnetZone` in `createResolver`. */
const SUBNET_ZONE_ATTRIBUTES: ReadonlySet<string> = new Set(['AvailabilityZone', 'AvailabilityZoneId']);

export function createResolver(assembly: Assembly): Resolver {
  const stacks = new Map(assembly.stacks.map((stack) => [stack.name, stack]));
  const exports = new Map<string, { stack: string; value: Json }>();
  const ssmParameters = new Map<string, { stack: string; value: Json }>();
  const assumed = new Set<string>();
  const evaluateValue = (stackName: string, json: Json, depth: number): Value =>
    dropNoValue(evaluate(stackName, json, depth));
  const namedCondition = createConditions(stacks, evaluateValue);
  const { nestedOutput, passedByParent, listOf } = createNestedStackValues(
    stacks,
    evaluateValue,
    namedCondition,
    ssmExpression,
  );
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

  /** The stack that writes the SSM parameter a reference names, and the value expression it writes. */
  function ssmWriter(reference: string): { stack: string; value: Json } | undefined {
    indexCrossStackValues();
    const name = ssmParameterName(reference);
    return ssmParameters.get(name) ?? ssmParameters.get(name.replace(/^\//, ''));
  }

  /** For `listOf`: the expression behind `{Ref: P}` when P is an SSM-typed parameter a stack of the input writes. */
  function ssmExpression(stackName: string, json: Json): { stack: string; value: Json } | undefined {
    const name = isJsonObject(json) ? json.Ref : undefined;
    const stack = stacks.get(stackName);
    const declared = typeof name === 'string' ? stack?.template.Parameters?.[name] : undefined;
    if (typeof name !== 'string' || declared === undefined || !SSM_VALUE_TYPE.test(declared.Type))
      return undefined;
    const reference = stack?.parameters?.[name] ?? declaredDefault(declared.Default);
    return typeof reference === 'string' ? ssmWriter(reference) : undefined;
  }

  function readSsm(reference: string, depth: number): Value {
    const name = ssmParameterName(reference);
    const writer = ssmWriter(reference);
    if (writer === undefined) {
      return new Unresolved(`SSM parameter '${name}' is not written by any stack of the assembly`);
    }
    return dropNoValue(evaluate(writer.stack, writer.value, depth + 1));
  }

  /**
   * A parameter's value: the one the user gave, else the one a nested stack's parent passes, else the Default;
   * list types become lists (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html).
   */
  function parameter(stack: StackTemplate, name: string, depth: number): Value {
    const declared = stack.template.Parameters?.[name];
    if (declared === undefined)
      return new Unresolved(`'${name}' is neither a parameter nor a resource of ${stack.name}`);
    const given = stack.parameters?.[name];
    const passed = given === undefined ? passedByParent(stack, name, declared.Type, depth) : undefined;
    if (passed !== undefined) return passed;
    const value = given ?? declaredDefault(declared.Default);
    if (value === undefined) {
      return new Unresolved(
        stack.parent === undefined
          ? `parameter '${name}' of ${stack.name} has no value and no Default: give one with --parameters ${stack.name}:${name}=VALUE`
          : `parameter '${name}' of nested stack ${stack.name} has no Default and ${stack.parent.stack} passes no value for it`,
      );
    }
    if (SSM_VALUE_TYPE.test(declared.Type)) return readSsm(value, depth);
    return typedValue(declared.Type, value);
  }

  function ref(stackName: string, name: string, depth: number): Evaluated {
    const stack = stacks.get(stackName);
    if (stack === undefined) return new Unresolved(`unknown stack ${stackName}`);
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (name.startsWith('AWS::')) return pseudoParameter(stack, name);
    const resource = stack.template.Resources[name];
    if (resource !== undefined)
      return customResource(name, resource.Type) ?? new ResourceRef(stackName, name);
    return parameter(stack, name, depth);
  }

  function getAtt(stackName: string, logicalId: string, attribute: string, depth: number): Value {
    const resource = stacks.get(stackName)?.template.Resources[logicalId];
    if (resource === undefined)
      return new Unresolved(`Fn::GetAtt names '${logicalId}', which is not a resource of ${stackName}`);
    if (resource.Type === 'AWS::NetworkFirewall::Firewall' && attribute === 'EndpointIds') {
      return firewallEndpointIds(stackName, logicalId, depth);
    }
    const custom = customResource(logicalId, resource.Type);
    if (custom !== undefined) return custom;
    if (resource.Type === NESTED_STACK && attribute.startsWith('Outputs.')) {
      const output = nestedOutput(stackName, logicalId, attribute.slice('Outputs.'.length));
      return output instanceof Unresolved
        ? output
        : dropNoValue(evaluate(output.stack, output.value, depth + 1));
    }
    if (resource.Type === 'AWS::EC2::Subnet' && SUBNET_ZONE_ATTRIBUTES.has(attribute)) {
      return subnetZone(stackName, logicalId, attribute, depth);
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
   * A subnet's `AvailabilityZone` or `AvailabilityZoneId`, of which its template sets one
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-subnet.html). The one
   * it sets is that value. The AZ ID of a subnet placed by name is a fact of its account's mapping of names to
   * zones (https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html), so it stays a reference
   * to that subnet: another subnet placed by it is in the same physical zone. The name of a subnet placed by AZ ID
   * is unknown: it depends on the account.
   */
  function subnetZone(stackName: string, logicalId: string, attribute: string, depth: number): Value {
    const properties = stacks.get(stackName)?.template.Resources[logicalId]?.Properties ?? {};
    const own = evaluate(stackName, properties[attribute], depth + 1);
    if (own !== NO_VALUE && own !== undefined) return own;
    const other = attribute === 'AvailabilityZone' ? 'AvailabilityZoneId' : 'AvailabilityZone';
    const placedByOther = evaluate(stackName, properties[other], depth + 1);
    if (placedByOther === NO_VALUE || placedByOther === undefined)
      return new Unresolved(`${logicalId}.${attribute} is chosen by AWS at deploy time`);
    return attribute === 'AvailabilityZoneId'
      ? new ResourceRef(stackName, logicalId, attribute)
      : new Unresolved(
          `${logicalId} is placed by AZ ID, and the name of that AZ depends on the account that deploys it`,
        );
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

  /**
   * `Fn::GetAZs`: the region's AZs in alphabetical order; `""` is the stack's region
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getavailabilityzones.html).
   */
  function getAzs(stackName: string, region: Value): Value {
    const stack = stacks.get(stackName);
    const name = region === '' && stack !== undefined ? pseudoParameter(stack, 'AWS::Region') : region;
    if (typeof name !== 'string') return unresolvedFrom(name, 'Fn::GetAZs');
    const zones = availabilityZonesOf(name);
    if (zones === undefined)
      return new Unresolved(
        `Fn::GetAZs '${name}': ${AVAILABILITY_ZONES_SOURCE} has no entry for that region`,
      );
    assumed.add(GETAZS_ASSUMPTION(name, zones));
    return zones;
  }

  /**
   * `Fn::FindInMap [Map, TopKey, SecondKey]`; with the AWS::LanguageExtensions transform a fourth argument
   * `{DefaultValue: v}` answers a missing key
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap.html).
   */
  function findInMap(stackName: string, args: readonly Json[], depth: number): Evaluated {
    const keys = args.slice(0, 3).map((arg) => dropNoValue(evaluate(stackName, arg, depth + 1)));
    const [map, first, second] = keys;
    const isKey = (key: Value | undefined): boolean => isPlain(key) && !EndpointIdTokens.holdsToken(key);
    if (typeof map !== 'string' || !isKey(map) || !isKey(first) || !isKey(second)) {
      return unresolvedFrom(keys.find((key) => !isKey(key)) ?? null, 'Fn::FindInMap');
    }
    const found = stacks.get(stackName)?.template.Mappings?.[map]?.[String(first)]?.[String(second)];
    if (found !== undefined) return evaluate(stackName, found, depth + 1) ?? null;
    const fallback = args[3];
    if (isJsonObject(fallback) && fallback.DefaultValue !== undefined) {
      return (
        languageExtensions(stackName, 'Fn::FindInMap DefaultValue') ??
        evaluate(stackName, fallback.DefaultValue, depth + 1) ??
        null
      );
    }
    return new Unresolved(`Fn::FindInMap ${map}.${first}.${second} is not in the template`);
  }

  /** The functions of the AWS::LanguageExtensions transform exist only in templates that declare it. */
  function languageExtensions(stackName: string, what: string): Unresolved | undefined {
    const transform = stacks.get(stackName)?.template.Transform;
    const declared = Array.isArray(transform)
      ? transform.includes(LANGUAGE_EXTENSIONS)
      : transform === LANGUAGE_EXTENSIONS;
    return declared
      ? undefined
      : new Unresolved(
          `${what} needs the ${LANGUAGE_EXTENSIONS} transform, which ${stackName} does not declare`,
        );
  }

  function deployed(stackName: string, logicalId: string): boolean | Unresolved {
    const stack = stacks.get(stackName);
    const condition = stack?.template.Resources[logicalId]?.Condition;
    const own = condition === undefined ? true : namedCondition(stackName, condition, 0);
    if (own !== true || stack?.parent === undefined) return own;
    return deployed(stack.parent.stack, stack.parent.logicalId);
  }

  function intrinsic(stackName: string, name: string, args: Json, depth: number): Evaluated | undefined {
    const arg = (value: Json | undefined): Value =>
      dropNoValue(evaluate(stackName, value ?? null, depth + 1));
    const list = Array.isArray(args) ? (args as readonly Json[]) : [];
    switch (name) {
      case 'Ref':
        return typeof args === 'string' ? ref(stackName, args, depth) : new Unresolved('Ref needs a name');
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = typeof args === 'string' ? splitAtFirstDot(args) : list;
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
      case 'Fn::Split': {
        const delimiter = arg(list[0]);
        const text = arg(list[1]);
        return typeof delimiter === 'string' && typeof text !== 'string'
          ? listOf(stackName, list[1] ?? null, delimiter, depth + 1)
          : split(delimiter, text);
      }
      case 'Fn::Join':
        return join(arg(list[0]), arg(list[1]));
      case 'Fn::ImportValue':
        return importValue(arg(args), depth);
      case 'Fn::GetAZs':
        return getAzs(stackName, arg(args));
      case 'Fn::FindInMap':
        return findInMap(stackName, list, depth);
      case 'Fn::Base64': {
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-base64.html
        const text = arg(args);
        return typeof text === 'string'
          ? Buffer.from(text, 'utf8').toString('base64')
          : unresolvedFrom(text, name);
      }
      case 'Fn::Cidr': {
        const [block, count, bits] = list.map(arg);
        if (typeof block !== 'string') return unresolvedFrom(block ?? null, name);
        const blocks = cidrBlocks(block, Number(count), Number(bits));
        return typeof blocks === 'string' ? new Unresolved(blocks) : blocks;
      }
      case 'Fn::Length': {
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-length.html
        const items = arg(args);
        const length = Array.isArray(items) ? items.length : unresolvedFrom(items, name);
        return languageExtensions(stackName, name) ?? length;
      }
      case 'Fn::ToJsonString': {
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ToJsonString.html
        const value = arg(args);
        const blocker = symbolicPart(value);
        const json = blocker === undefined ? JSON.stringify(value) : unresolvedFrom(blocker, name);
        return languageExtensions(stackName, name) ?? json;
      }
      case 'Fn::Transform':
        return new Unresolved(
          `Fn::Transform runs the macro ${JSON.stringify(isJsonObject(args) ? args.Name : args)} at deploy time`,
        );
      case 'Fn::If': {
        const [conditionName, whenTrue, whenFalse] = list;
        if (typeof conditionName !== 'string') return new Unresolved('Fn::If needs a condition name');
        const chosen = namedCondition(stackName, conditionName, depth + 1);
        if (chosen instanceof Unresolved) return chosen;
        return evaluate(stackName, (chosen ? whenTrue : whenFalse) ?? null, depth + 1);
      }
      case 'Fn::GetStackOutput':
        return new Unresolved(`${name} reads the output of a deployed stack`);
      default:
        return undefined;
    }
  }

  function evaluate(stackName: string, json: Json | undefined, depth: number): Evaluated | undefined {
    if (json === undefined) return undefined;
    if (depth > MAX_EVALUATION_DEPTH)
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
    deployed,
    stack: (name) => stacks.get(name),
    assumptions: () => [...assumed],
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
