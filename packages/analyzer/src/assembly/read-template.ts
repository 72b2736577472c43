import { readFileSync } from 'node:fs';
import { type CfnTemplate, isJsonObject, type Json } from '../cfn/template.js';
import { InputError } from './input-error.js';
import { parseYamlTemplate } from './yaml-template.js';

/** File names a template folder may hold templates under; `.template` files are JSON or YAML. */
export const TEMPLATE_FILE = /\.(json|ya?ml|template)$/i;

/** The stack name a plain folder gives a template: its file name without `.template.json`, `.yaml`… */
export const stackNameOfFile = (name: string): string =>
  name.replace(/(\.template)?\.(json|ya?ml)$/i, '').replace(/\.template$/i, '');

/**
 * Reads a JSON or YAML template (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html).
 * Returns undefined for a file that parses but is not a template (no `Resources` object), such as CDK's tree.json.
 */
export function readTemplateFile(file: string): CfnTemplate | undefined {
  const json = parseTemplateText(readText(file), file);
  return isJsonObject(json) && isJsonObject(json.Resources) ? (json as unknown as CfnTemplate) : undefined;
}

/** Like `readTemplateFile`, for a file that must be a template (a manifest's or a parent's). */
export function requireTemplateFile(file: string, fix: string): CfnTemplate {
  const template = readTemplateFile(file);
  if (template === undefined) {
    throw new InputError(
      `'${file}' is not a CloudFormation template: it has no 'Resources' object. ${fix}`,
      file,
    );
  }
  return template;
}

export function readJsonFile(file: string): Json {
  return parseJson(readText(file), file);
}

function parseTemplateText(text: string, file: string): Json {
  const json = /\.json$/i.test(file) || (/\.template$/i.test(file) && text.trimStart().startsWith('{'));
  return json ? parseJson(text, file) : parseYamlTemplate(text, file);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(
      `Cannot read '${file}' (${(error as Error).message}). Check the path and its permissions.`,
      file,
    );
  }
}

function parseJson(text: string, file: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new InputError(
      `'${file}' is not valid JSON (${(error as Error).message}). Fix the file, or re-run 'cdk synth' if it came from CDK.`,
      file,
    );
  }
}
