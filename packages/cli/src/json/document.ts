import { MOAT_VERSION } from '../version.js';

/**
 * The version of the JSON documents that `--json` prints, described by the schemas in
 * packages/cli/schemas/. It changes only when a field is removed, renamed or changes meaning; new fields
 * keep it (docs/json-and-sarif.md).
 */
export const JSON_SCHEMA_VERSION = 1;

/** The commands whose `--json` documents have a schema: `schemas/<name>.schema.json`. */
export type JsonDocumentName =
  | 'verify'
  | 'verify-compact'
  | 'trace'
  | 'cost'
  | 'cost-diff'
  | 'plan'
  | 'compare'
  | 'steps'
  | 'diagram'
  | 'confirm';

/**
 * One `--json` document: which schema it follows, its version and the version of moat that wrote it,
 * then the command's own fields. `compact` prints it on one line.
 */
export function jsonDocument(name: JsonDocumentName, body: object, compact = false): string {
  const document = documentObject(name, body);
  return `${compact ? JSON.stringify(document) : JSON.stringify(document, null, 2)}\n`;
}

/** The document as an object, for one nested in another (`moat plan --confirm --json` holds confirm's). */
export const documentObject = (name: JsonDocumentName, body: object): object => ({
  schema: name,
  schemaVersion: JSON_SCHEMA_VERSION,
  moatVersion: MOAT_VERSION,
  ...body,
});
