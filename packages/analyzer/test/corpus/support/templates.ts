import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse as parsePath, resolve } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { type CorpusCase, corpusDirectory, type Edit } from './case-file.js';

/**
 * Where the published templates are. They are third-party files, so they are not committed here: they live
 * under `corpus-templates/<case>/<file>` of the shared folder beside the repository (CI lays a copy of it
 * beside its clone), or wherever MOAT_CORPUS_TEMPLATES points.
 */
export function templatesRoot(): string | undefined {
  const fromEnvironment = process.env.MOAT_CORPUS_TEMPLATES;
  if (fromEnvironment) return resolve(fromEnvironment);
  let directory = resolve(corpusDirectory);
  for (;;) {
    const candidate = join(directory, 'shared', 'corpus-templates');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

export const templatePath = (root: string, corpusCase: CorpusCase, file: string): string =>
  join(root, corpusCase.slug, file);

/** Git's blob id of a file's bytes (`git hash-object`): equal to the source's blob when nothing changed. */
export function gitBlobId(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

const isYaml = (file: string): boolean => /\.ya?ml$/i.test(file);

const pathKeys = (edit: Edit): (string | number)[] => [
  'Resources',
  edit.logicalId,
  ...(edit.path ?? '')
    .split('.')
    .filter((key) => key.length > 0)
    .map((key) => (/^\d+$/.test(key) ? Number(key) : key)),
];

/**
 * Applies a breakage's edits to a template, in its own format: YAML stays YAML with its short-form tags (the
 * `yaml` document API edits in place), JSON stays JSON. Throws naming the edit whose target does not exist.
 */
export function applyEdits(file: string, text: string, edits: readonly Edit[]): string {
  if (isYaml(file)) {
    const document = parseDocument(text, { uniqueKeys: false });
    for (const edit of edits) {
      const keys = pathKeys(edit);
      const parentKeys = keys.slice(0, -1);
      const parent = document.getIn(parentKeys, true);
      const target = document.getIn(keys, true);
      if (edit.op === 'set') {
        if (!isMap(parent) && !isSeq(parent)) throw new Error(missing(edit, 'its parent'));
        document.setIn(keys, document.createNode(edit.value));
      } else {
        if (target === undefined) throw new Error(missing(edit, 'it'));
        document.deleteIn(edit.op === 'delete' ? ['Resources', edit.logicalId] : keys);
      }
    }
    return document.toString({ lineWidth: 0 });
  }
  const template = JSON.parse(text) as Record<string, unknown>;
  for (const edit of edits) {
    const keys = pathKeys(edit);
    const parent = walk(template, keys.slice(0, -1));
    const last = keys[keys.length - 1] as string | number;
    if (typeof parent !== 'object' || parent === null) throw new Error(missing(edit, 'its parent'));
    const container = parent as Record<string | number, unknown>;
    if (edit.op === 'set') container[last] = edit.value;
    else if (!(last in container)) throw new Error(missing(edit, 'it'));
    else if (Array.isArray(container)) container.splice(Number(last), 1);
    else delete container[last];
  }
  return `${JSON.stringify(template, null, 2)}\n`;
}

const walk = (value: unknown, keys: readonly (string | number)[]): unknown =>
  keys.reduce<unknown>(
    (node, key) =>
      typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>)[key] : undefined,
    value,
  );

const missing = (edit: Edit, what: string): string =>
  `edit ${edit.op} ${edit.logicalId}${edit.path ? `.${edit.path}` : ''}: ${what} does not exist in the template`;

/** The file an edit applies to: its `file`, else the case's only (or first top-level) template. */
export function editFile(corpusCase: CorpusCase, edit: Edit): string {
  const first = corpusCase.source[0];
  if (edit.file) return edit.file;
  if (first === undefined) throw new Error(`${corpusCase.slug} has no source file`);
  return first.file;
}

/**
 * A scratch copy of a case's templates with a breakage's edits applied, laid out as the case's template
 * folder is, for the analyzer to load.
 */
export function editedCopy(root: string, corpusCase: CorpusCase, edits: readonly Edit[]): string {
  const directory = mkdtempSync(join(tmpdir(), `moat-corpus-${corpusCase.slug}-`));
  for (const source of corpusCase.source) {
    const own = edits.filter((edit) => editFile(corpusCase, edit) === source.file);
    const text = readFileSync(templatePath(root, corpusCase, source.file), 'utf8');
    const target = join(directory, source.file);
    mkdirSync(parsePath(target).dir, { recursive: true });
    writeFileSync(target, own.length > 0 ? applyEdits(source.file, text, own) : text);
  }
  return directory;
}
