import { type ErrorCode, Parser, type YAMLError } from 'yaml';
import type { ConfigIssue } from './issues.js';

/**
 * YAML syntax errors as config issues: one issue per mistake, at the line where the mistake is.
 *
 * The `yaml` parser goes on after an error and reports its consequences too: a key indented under a
 * scalar gives "Nested mappings are not allowed in compact mappings" and "Implicit keys need to be on a
 * single line" for the same spot, and a mapping item out of line gives three errors. Errors that start on
 * the same line or overlap are one mistake here, told by the error that says most about it. An
 * unterminated quote is reported at the end of the file, so its issue points at the opening quote instead.
 */
export function yamlSyntaxIssues(text: string, errors: readonly YAMLError[]): ConfigIssue[] {
  const clusters: YAMLError[][] = [];
  for (const error of errors) {
    const last = clusters.at(-1);
    if (last?.some((other) => sameMistake(other, error))) last.push(error);
    else clusters.push([error]);
  }
  const lines = text.split('\n');
  return clusters.map((cluster) => issueFor(pickTelling(cluster), text, lines));
}

/** Most telling first: a tab, a duplicate, an indentation, a quote; then a key running over lines. */
const TELLING_ORDER: readonly ErrorCode[] = [
  'TAB_AS_INDENT',
  'DUPLICATE_KEY',
  'BAD_INDENT',
  'MISSING_CHAR',
  'MULTILINE_IMPLICIT_KEY',
];

function pickTelling(cluster: readonly YAMLError[]): YAMLError {
  const rank = (error: YAMLError) => {
    const index = TELLING_ORDER.indexOf(error.code);
    if (error.code === 'MISSING_CHAR' && !isQuoteError(error)) return TELLING_ORDER.length;
    return index === -1 ? TELLING_ORDER.length : index;
  };
  return [...cluster].sort((a, b) => rank(a) - rank(b))[0] ?? (cluster[0] as YAMLError);
}

function sameMistake(a: YAMLError, b: YAMLError): boolean {
  return startLine(a) === startLine(b) || (a.pos[0] <= b.pos[1] && b.pos[0] <= a.pos[1]);
}

const startLine = (error: YAMLError): number => error.linePos?.[0].line ?? 1;

const isQuoteError = (error: YAMLError): boolean =>
  error.code === 'MISSING_CHAR' && /closing .?quote/i.test(error.message);

/** The message without the position and code frame that `yaml` appends: the issue carries both. */
const bareMessage = (error: YAMLError): string =>
  error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '');

const SYNTAX_FIX = 'correct the YAML syntax at that position (indentation, quotes, ":" after each key)';

function issueFor(error: YAMLError, text: string, lines: readonly string[]): ConfigIssue {
  const lineText = (line: number) => lines[line - 1]?.trim();
  if (isQuoteError(error)) {
    const opening = openingQuoteOffset(text);
    if (opening !== undefined) {
      const { line, column } = positionOf(text, opening);
      return {
        path: `line ${line}, column ${column}`,
        received: lineText(line),
        problem: `is not valid YAML: the quote opened here is never closed (${bareMessage(error)})`,
        fix: 'close the quote on the same line, or remove it',
        severity: 'error',
      };
    }
  }
  const start = error.linePos?.[0];
  const end = error.linePos?.[1];
  if (
    error.code === 'MULTILINE_IMPLICIT_KEY' &&
    start !== undefined &&
    end !== undefined &&
    end.line > start.line
  ) {
    // The key began on one line and the parser found its ":" on a later one.
    return {
      path: `lines ${start.line}–${end.line}`,
      received: lines
        .slice(start.line - 1, end.line)
        .map((line) => line.trim())
        .join('\n'),
      problem: `is not valid YAML: line ${end.line} continues line ${start.line} as one key`,
      fix: `indent line ${end.line} like the keys beside it, or, if line ${start.line} is a key, end it with ":"`,
      severity: 'error',
    };
  }
  return {
    path: start === undefined ? '(file)' : `line ${start.line}, column ${start.col}`,
    received: lineText(start?.line ?? 1),
    problem: `is not valid YAML: ${bareMessage(error)}`,
    fix: SYNTAX_FIX,
    severity: 'error',
  };
}

/**
 * Where the first quoted scalar that runs over a line end begins: no value in a Moat config spans lines,
 * so that is the quote left open (its closing quote, if any, is the next one in the file).
 */
function openingQuoteOffset(text: string): number | undefined {
  let found: number | undefined;
  const visit = (node: unknown): void => {
    if (found !== undefined || typeof node !== 'object' || node === null) return;
    const token = node as { type?: unknown; offset?: unknown; source?: unknown };
    if (
      (token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') &&
      typeof token.offset === 'number' &&
      typeof token.source === 'string'
    ) {
      const quote = token.source[0];
      const closed = token.source.length > 1 && token.source.endsWith(quote ?? '');
      if (!closed || token.source.includes('\n')) {
        found = token.offset;
        return;
      }
    }
    for (const value of Object.values(node)) visit(value);
  };
  for (const token of new Parser().parse(text)) visit(token);
  return found;
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
