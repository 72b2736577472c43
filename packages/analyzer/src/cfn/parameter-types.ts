import type { CfnParameter, Json } from './template.js';

/**
 * What a parameter's `Type` makes of the string a user gives, and the constraints CloudFormation checks
 * before it creates a stack.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-supplied-parameter-types.html
 */

/** `AWS::SSM::Parameter::Value<…>`: the value given is a Parameter Store name, read at deploy time. */
export const SSM_VALUE_TYPE = /^AWS::SSM::Parameter::Value<(.+)>$/;

/**
 * `CommaDelimitedList`, `List<Number>`, `List<AWS::EC2::Subnet::Id>` and the other AWS-specific list types:
 * `Ref` returns a list of strings.
 */
export function isListType(type: string): boolean {
  const inner = SSM_VALUE_TYPE.exec(type)?.[1] ?? type;
  return inner === 'CommaDelimitedList' || inner.startsWith('List<');
}

/**
 * A `CommaDelimitedList` value is split at its commas and "each member string is space trimmed"; the same
 * holds for `List<…>` types. Every other type, `Number` included, is a string when referenced.
 */
export function typedValue(type: string, text: string): string | readonly string[] {
  return isListType(type) ? text.split(',').map((item) => item.trim()) : text;
}

/** Why CloudFormation would reject `text` for this parameter, or undefined when it accepts it. */
export function constraintViolation(parameter: CfnParameter, text: string): string | undefined {
  const items = isListType(parameter.Type) ? text.split(',').map((item) => item.trim()) : [text];
  const allowed = parameter.AllowedValues?.map(String);
  // AllowedValues and AllowedPattern apply to a String value, and to each member of a CommaDelimitedList.
  const outside = allowed === undefined ? undefined : items.find((item) => !allowed.includes(item));
  if (outside !== undefined) return `'${outside}' is not one of its AllowedValues (${allowed?.join(', ')})`;
  const pattern = anchored(parameter.AllowedPattern);
  if (pattern !== undefined) {
    const mismatch = items.find((item) => !pattern.test(item));
    if (mismatch !== undefined)
      return `'${mismatch}' does not match its AllowedPattern ${parameter.AllowedPattern}`;
  }
  const numberType = parameter.Type === 'Number' || parameter.Type === 'List<Number>';
  for (const item of numberType ? items : []) {
    const value = Number(item);
    if (item.trim() === '' || !Number.isFinite(value)) return `'${item}' is not a number`;
    if (parameter.MinValue !== undefined && value < Number(parameter.MinValue))
      return `${item} is below its MinValue ${parameter.MinValue}`;
    if (parameter.MaxValue !== undefined && value > Number(parameter.MaxValue))
      return `${item} is above its MaxValue ${parameter.MaxValue}`;
  }
  if (parameter.Type === 'String') {
    if (parameter.MinLength !== undefined && text.length < Number(parameter.MinLength))
      return `'${text}' is shorter than its MinLength ${parameter.MinLength}`;
    if (parameter.MaxLength !== undefined && text.length > Number(parameter.MaxLength))
      return `'${text}' is longer than its MaxLength ${parameter.MaxLength}`;
  }
  return undefined;
}

/** The pattern must match the whole value. One JavaScript cannot compile (Java syntax) is not checked. */
function anchored(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return undefined;
  }
}

/** A Default as CloudFormation reads it: a string (a list Default is written comma-joined). */
export function declaredDefault(value: Json | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value)
    ? value.join(',')
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
}
