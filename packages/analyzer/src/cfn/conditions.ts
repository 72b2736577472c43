import type { StackTemplate } from '../assembly/load-assembly.js';
import { EndpointIdTokens } from './endpoint-ids.js';
import { isJsonObject, type Json } from './template.js';
import { isPlain, MAX_EVALUATION_DEPTH, Unresolved, unresolvedFrom, type Value } from './values.js';

/** Evaluates a value of a stack in the resolver (`AWS::NoValue` as null). */
export type EvaluateValue = (stackName: string, json: Json, depth: number) => Value;

/**
 * The `Conditions` section and the condition functions `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` and
 * `Condition` (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-conditions.html).
 * A condition that rests on an unknown value is unknown, with that value's reason.
 */
export function createConditions(
  stacks: ReadonlyMap<string, StackTemplate>,
  evaluate: EvaluateValue,
): (stackName: string, name: string, depth: number) => boolean | Unresolved {
  function conditionValue(stackName: string, json: Json, depth: number): boolean | Unresolved {
    if (depth > MAX_EVALUATION_DEPTH) return new Unresolved('conditions nest too deeply (a cycle?)');
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
        const [left, right] = list.map((arg) => evaluate(stackName, arg, depth + 1));
        if (EndpointIdTokens.holdsToken(left ?? null) || EndpointIdTokens.holdsToken(right ?? null))
          return new Unresolved('Fn::Equals compares a firewall endpoint id, known only after deploy');
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

  return namedCondition;
}
