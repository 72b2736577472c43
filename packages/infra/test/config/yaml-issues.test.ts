import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { yamlSyntaxIssues } from '../../src/config/yaml-issues.js';

const issuesOf = (text: string) => yamlSyntaxIssues(text, parseDocument(text).errors);
const SYNTAX_FIX = 'correct the YAML syntax at that position (indentation, quotes, ":" after each key)';

describe('yamlSyntaxIssues', () => {
  it('reports a key indented under a value once, at the two lines involved, where yaml reports it twice', () => {
    const text = 'region: eu-west-1\n  cidrs: x\n';
    expect(parseDocument(text).errors.map((error) => error.code)).toEqual([
      'BLOCK_AS_IMPLICIT_KEY',
      'MULTILINE_IMPLICIT_KEY',
    ]);
    expect(issuesOf(text)).toEqual([
      {
        path: 'lines 1–2',
        received: 'region: eu-west-1\ncidrs: x',
        problem: 'is not valid YAML: line 2 continues line 1 as one key',
        fix: 'indent line 2 like the keys beside it, or, if line 1 is a key, end it with ":"',
        severity: 'error',
      },
    ]);
  });

  it('reports a mapping item out of line once, as bad indentation at its own line, where yaml reports three errors', () => {
    const text = 'flows:\n  - name: x\n    from: task\n  to: api\n    port: 443\n';
    expect(parseDocument(text).errors).toHaveLength(3);
    expect(issuesOf(text)).toEqual([
      {
        path: 'line 4, column 1',
        received: 'to: api',
        problem: 'is not valid YAML: All mapping items must start at the same column',
        fix: SYNTAX_FIX,
        severity: 'error',
      },
    ]);
  });

  it('points an unclosed quote at the line that opens it, not at the end of the file where yaml finds it', () => {
    const text = 'region: "eu-west-1\nflows: []\n';
    expect(parseDocument(text).errors[0]?.linePos?.[0].line).toBe(3);
    expect(issuesOf(text)).toEqual([
      {
        path: 'line 1, column 9',
        received: 'region: "eu-west-1',
        problem: 'is not valid YAML: the quote opened here is never closed (Missing closing "quote)',
        fix: 'close the quote on the same line, or remove it',
        severity: 'error',
      },
    ]);
  });

  it('points a quote left open before another quoted value at its own line, not at the value that closes it', () => {
    const text = 'accounts:\n  networking: "111111111111\n  workload: "222222222222"\n';
    expect(issuesOf(text)).toEqual([
      {
        path: 'line 2, column 15',
        received: 'networking: "111111111111',
        problem: 'is not valid YAML: the quote opened here is never closed (Missing closing "quote)',
        fix: 'close the quote on the same line, or remove it',
        severity: 'error',
      },
    ]);
  });

  it('names a key without its colon together with the line it swallowed', () => {
    expect(issuesOf('region eu-west-1\ncidrs:\n  container: 10.0.0.0/16\n')).toEqual([
      expect.objectContaining({ path: 'lines 1–2', received: 'region eu-west-1\ncidrs:' }),
    ]);
  });

  it('keeps two separate mistakes as two issues, each at its line', () => {
    expect(issuesOf('region: eu-west-1\n\tcidrs: x\nflows: []\nflows: []\n')).toEqual([
      {
        path: 'line 2, column 1',
        received: 'cidrs: x',
        problem: 'is not valid YAML: Tabs are not allowed as indentation',
        fix: SYNTAX_FIX,
        severity: 'error',
      },
      {
        path: 'line 4, column 1',
        received: 'flows: []',
        problem: 'is not valid YAML: Map keys must be unique',
        fix: SYNTAX_FIX,
        severity: 'error',
      },
    ]);
  });
});
