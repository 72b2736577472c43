import { constraintViolation } from '../cfn/parameter-types.js';
import { InputError } from './input-error.js';
import type { StackTemplate } from './load-assembly.js';
import type { ParameterValue } from './parameter-input.js';

/**
 * Gives each stack the values meant for it and checks every value CloudFormation would check at create time:
 * the key must be a parameter of the stack, and the value (given, else the `Default`) must meet the
 * parameter's constraints (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html).
 * A value without a stack goes to every stack that declares its key, as `cdk deploy --parameters KEY=VALUE` does.
 * Nested stacks take their values from their parent, never from the user.
 */
export function applyParameters(
  stacks: readonly StackTemplate[],
  values: readonly ParameterValue[],
): StackTemplate[] {
  const given = new Map<string, Record<string, string>>(stacks.map((stack) => [stack.name, {}]));
  for (const value of values) {
    for (const stack of targets(stacks, value)) {
      const declared = stack.template.Parameters?.[value.key];
      if (declared === undefined) throw new InputError(unknownKey(stack, value), value.origin);
      const violation = constraintViolation(declared, value.value);
      if (violation !== undefined) {
        throw new InputError(
          `${value.origin}: parameter ${value.key} of stack ${stack.name} rejects ${violation}; CloudFormation would refuse to create the stack. Give a value it accepts.`,
          value.origin,
        );
      }
      (given.get(stack.name) ?? {})[value.key] = value.value;
    }
  }
  return stacks.map((stack) => {
    const parameters = given.get(stack.name) ?? {};
    if (stack.parent === undefined) checkDefaults(stack, parameters);
    return { ...stack, parameters };
  });
}

function targets(stacks: readonly StackTemplate[], value: ParameterValue): StackTemplate[] {
  const roots = stacks.filter((stack) => stack.parent === undefined);
  if (value.stack === undefined) {
    const declaring = roots.filter((stack) => stack.template.Parameters?.[value.key] !== undefined);
    if (declaring.length > 0) return declaring;
    const all = roots.flatMap((stack) =>
      Object.keys(stack.template.Parameters ?? {}).map((key) => `${stack.name}:${key}`),
    );
    throw new InputError(
      `${value.origin}: no stack declares a parameter ${value.key}${suggestion(
        value.key,
        roots.flatMap((stack) => Object.keys(stack.template.Parameters ?? {})),
      )}. The parameters are: ${all.join(', ') || 'none'}.`,
      value.origin,
    );
  }
  const named = stacks.find((stack) => stack.name === value.stack || stack.stackName === value.stack);
  if (named === undefined) {
    throw new InputError(
      `${value.origin}: there is no stack '${value.stack}'. The stacks are: ${roots.map((stack) => stack.name).join(', ')}.`,
      value.origin,
    );
  }
  if (named.parent !== undefined) {
    throw new InputError(
      `${value.origin}: ${named.name} is a nested stack: its parameters are the Parameters its parent ${named.parent.stack} passes in ${named.parent.logicalId}. Give the parent's parameters instead.`,
      value.origin,
    );
  }
  return [named];
}

function unknownKey(stack: StackTemplate, value: ParameterValue): string {
  const keys = Object.keys(stack.template.Parameters ?? {});
  return `${value.origin}: stack ${stack.name} has no parameter ${value.key}${suggestion(value.key, keys)}. Its parameters are: ${keys.join(', ') || 'none'}.`;
}

/** A declared key that differs only in case, or that contains the given one (or the reverse). */
function suggestion(key: string, keys: readonly string[]): string {
  const lower = key.toLowerCase();
  const close =
    keys.find((candidate) => candidate.toLowerCase() === lower) ??
    keys.find(
      (candidate) => candidate.toLowerCase().includes(lower) || lower.includes(candidate.toLowerCase()),
    );
  return close === undefined ? '' : ` (did you mean ${close}?)`;
}

/** A Default CloudFormation would reject fails the stack as surely as a bad value does. */
function checkDefaults(stack: StackTemplate, given: Readonly<Record<string, string>>): void {
  for (const [key, declared] of Object.entries(stack.template.Parameters ?? {})) {
    if (given[key] !== undefined || declared.Default === undefined) continue;
    const text = Array.isArray(declared.Default) ? declared.Default.join(',') : String(declared.Default);
    const violation = constraintViolation(declared, text);
    if (violation !== undefined) {
      throw new InputError(
        `The Default of parameter ${key} of stack ${stack.name} (${stack.file}) is rejected: ${violation}. Give a value with --parameters ${stack.name}:${key}=VALUE.`,
        stack.file,
      );
    }
  }
}
