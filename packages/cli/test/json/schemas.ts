import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import type { JsonDocumentName } from '../../src/json/document.js';

const dir = fileURLToPath(new URL('../../schemas/', import.meta.url));
const ajv = new Ajv({ allErrors: true, strict: true });
for (const file of readdirSync(dir).filter((name) => name.endsWith('.schema.json'))) {
  ajv.addSchema(JSON.parse(readFileSync(`${dir}${file}`, 'utf8')) as object);
}

/** The validator of `schemas/<name>.schema.json`, with the shared definitions loaded. */
export function schemaOf(name: JsonDocumentName): ValidateFunction {
  const validate = ajv.getSchema(`moat:${name}.schema.json`);
  if (validate === undefined) throw new Error(`no schema moat:${name}.schema.json`);
  return validate;
}

/** `undefined` when the document validates, else ajv's errors as one readable string. */
export function schemaErrors(name: JsonDocumentName, document: unknown): string | undefined {
  const validate = schemaOf(name);
  return validate(document) ? undefined : ajv.errorsText(validate.errors, { separator: '\n' });
}
