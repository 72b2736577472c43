import { z } from 'zod';
import { closestMatch } from './closest.js';
import { type ConfigIssue, formatPath } from './issues.js';

/**
 * Turns zod's issues into ConfigIssues. The schema's own messages are fixes; `fixFor` supplies one where
 * the schema has none, and `problemFor` names what is wrong from the kind of failure.
 */

type ZodIssue = z.core.$ZodIssue;

/** A YAML user's word for a type, with its article: zod says "array" and "object", YAML says list and mapping. */
function typeName(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'a mapping of keys to values';
  return `${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}`;
}

/** Passed to `safeParse` as its error map: used only where the schema sets no message of its own. */
export function fixFor(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `use ${typeName(issue.expected)}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `give at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`
        : `use ${issue.minimum}${issue.inclusive ? '' : ' (exclusive)'} or more`;
    case 'too_big':
      return issue.origin === 'array'
        ? `give at most ${issue.maximum} items`
        : `use ${issue.maximum} or less`;
    case 'invalid_value':
      return `use one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_union': {
      // A discriminated union names its discriminator and the values it accepts.
      const options: unknown = issue.options;
      return issue.discriminator === undefined || !Array.isArray(options)
        ? 'use one of the documented forms'
        : `set ${issue.discriminator} to one of ${options.map((value) => JSON.stringify(value)).join(', ')}`;
    }
    case 'unrecognized_keys':
      return 'remove the key';
    default:
      return 'see docs/configuration.md for the allowed values';
  }
}

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  regex: 'in the expected format',
  cidrv4: 'an IPv4 CIDR block',
  ipv4: 'an IPv4 address',
};

function problemFor(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `is not ${typeName(issue.expected)}`;
    case 'invalid_format':
      return `is not ${FORMAT_NAMES[issue.format] ?? `in the ${issue.format} format`}`;
    case 'too_small':
      return issue.origin === 'array' ? 'has too few items' : 'is too small';
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'string' ? 'is too long' : 'is too large';
    case 'not_multiple_of':
      return `is not a multiple of ${issue.divisor}`;
    case 'invalid_value':
      return 'is not an allowed value';
    case 'invalid_union':
      return 'matches none of the allowed forms';
    case 'custom': {
      // Refinements in the schema name their problem in `params.problem`.
      const problem: unknown = issue.params?.problem;
      return typeof problem === 'string' ? problem : 'is not valid';
    }
    default:
      return 'is not valid';
  }
}

/** Unwraps defaults, optionals and arrays along `path` to list the keys an object there may have. */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault || schema instanceof z.ZodOptional) {
    return knownKeysAt(schema.unwrap() as z.ZodType, path);
  }
  if (schema instanceof z.ZodUnion) {
    return [...new Set(schema.options.flatMap((option) => knownKeysAt(option as z.ZodType, path)))];
  }
  const [head, ...rest] = path;
  if (schema instanceof z.ZodArray) return knownKeysAt(schema.element as z.ZodType, rest);
  if (!(schema instanceof z.ZodObject)) return [];
  if (head === undefined) return Object.keys(schema.shape);
  const child = schema.shape[String(head)];
  return child === undefined ? [] : knownKeysAt(child as z.ZodType, rest);
}

function unknownKeyIssues(issue: z.core.$ZodIssueUnrecognizedKeys, root: z.ZodType): ConfigIssue[] {
  const known = knownKeysAt(root, issue.path);
  const input = issue.input as Record<string, unknown> | undefined;
  return issue.keys.map((key) => {
    const suggestion = closestMatch(key, known);
    return {
      path: formatPath([...issue.path, key]),
      received: input?.[key],
      problem: `"${key}" is not a known key here`,
      fix:
        suggestion === undefined
          ? `remove it; the known keys are ${known.join(', ')}`
          : `did you mean "${suggestion}"? The known keys are ${known.join(', ')}`,
      severity: 'error',
    };
  });
}

/** zod reports a wrong discriminator at the discriminator's path but with the whole object as input. */
function receivedOf(issue: ZodIssue): unknown {
  const input: unknown = issue.input;
  if (
    issue.code === 'invalid_union' &&
    issue.discriminator !== undefined &&
    typeof input === 'object' &&
    input !== null
  ) {
    return (input as Record<string, unknown>)[issue.discriminator];
  }
  return input;
}

/**
 * The ConfigIssues for zod's issues. `prefix` is the path of the section that was parsed, `root` the whole
 * config schema (to suggest keys).
 */
export function schemaIssues(
  issues: readonly ZodIssue[],
  prefix: readonly PropertyKey[],
  root: z.ZodType,
): ConfigIssue[] {
  return issues.flatMap((issue) => {
    const located = { ...issue, path: [...prefix, ...issue.path] } as ZodIssue;
    if (located.code === 'unrecognized_keys') return unknownKeyIssues(located, root);
    return [
      {
        path: formatPath(located.path),
        received: receivedOf(located),
        problem: problemFor(located),
        fix: located.message,
        severity: 'error' as const,
      },
    ];
  });
}
