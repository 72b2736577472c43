import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { Json } from '../cfn/template.js';
import { InputError } from './input-error.js';

/**
 * The YAML short forms of the intrinsic functions and condition functions, each read as its JSON long form
 * (`!Ref X` → `{"Ref": "X"}`, `!Equals [...]` → `{"Fn::Equals": [...]}`, `!Condition C` → `{"Condition": "C"}`).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-conditions.html
 * `Length` and `ToJsonString` belong to the AWS::LanguageExtensions transform.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/transform-aws-languageextensions.html
 */
const SHORT_FORMS = new Set([
  'And',
  'Base64',
  'Cidr',
  'Equals',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Length',
  'Not',
  'Or',
  'Select',
  'Split',
  'Sub',
  'ToJsonString',
  'Transform',
]);

/**
 * CloudFormation reads YAML 1.1 without the binary, omap, pairs, set and timestamp tags, aliases and hash
 * merges (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html): so
 * `AWSTemplateFormatVersion: 2010-09-09` stays a string and `yes` is a boolean.
 */
const UNSUPPORTED_TAGS = /:(binary|omap|pairs|set|timestamp)$/;

/** Parses a YAML template into the JSON CloudFormation would see; a syntax error names the file and line. */
export function parseYamlTemplate(text: string, file: string): Json {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    version: '1.1',
    merge: false,
    lineCounter,
    prettyErrors: false,
    customTags: (tags) =>
      tags.filter((tag) => !UNSUPPORTED_TAGS.test(typeof tag === 'string' ? `:${tag}` : tag.tag)),
  });
  const [error] = document.errors;
  if (error !== undefined) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    throw new InputError(
      `'${file}' is not valid YAML: ${firstLine(error.message)} at line ${line}, column ${col}. Fix the template there (CloudFormation would reject it too).`,
      file,
    );
  }
  const where = (node: Node): string => {
    const offset = node.range?.[0] ?? 0;
    return `line ${lineCounter.linePos(offset).line}`;
  };
  const toJson = (node: unknown): Json => {
    if (isAlias(node)) {
      throw new InputError(
        `'${file}' uses the YAML alias *${node.source} at ${where(node)}; CloudFormation does not support aliases (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html). Write the value out.`,
        file,
      );
    }
    const value = plain(node, toJson);
    const tag = (node as Node | null)?.tag;
    if (tag === undefined || !tag.startsWith('!')) return value;
    return shortForm(tag.slice(1), value, () => where(node as Node), file);
  };
  return toJson(document.contents);
}

function plain(node: unknown, toJson: (node: unknown) => Json): Json {
  if (isMap(node)) {
    const object: Record<string, Json> = {};
    for (const pair of node.items) {
      const key = toJson(pair.key);
      object[typeof key === 'string' ? key : JSON.stringify(key)] = toJson(pair.value);
    }
    return object;
  }
  if (isSeq(node)) return node.items.map(toJson);
  if (isScalar(node)) {
    const value = node.value;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value as Json;
    return String(value);
  }
  return null;
}

function shortForm(name: string, value: Json, where: () => string, file: string): Json {
  if (name === 'Ref') return { Ref: value };
  if (name === 'Condition') return { Condition: value };
  if (!SHORT_FORMS.has(name)) {
    throw new InputError(
      `'${file}' uses the tag !${name} at ${where()}, which is not a CloudFormation short-form function. Use one of !Ref, !Condition, ${[
        ...SHORT_FORMS,
      ]
        .map((form) => `!${form}`)
        .join(', ')}.`,
      file,
    );
  }
  // `!GetAtt Resource.Attribute` splits at the first dot: `!GetAtt Stack.Outputs.VpcId` is [Stack, Outputs.VpcId].
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getatt.html
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}

const firstLine = (text: string): string => text.split('\n')[0] ?? text;
