import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultConfig, EMBEDDED_DEFAULT_SOURCE, loadConfig } from '../../src/config/index.js';

function directoryWith(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'moat-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
  return directory;
}

describe('loadConfig', () => {
  it('serves the embedded default when the directory has no moat.config.yaml', () => {
    expect(loadConfig({ cwd: directoryWith({}) })).toEqual({
      ok: true,
      config: defaultConfig,
      warnings: [],
      source: EMBEDDED_DEFAULT_SOURCE,
    });
  });

  it('reads moat.config.yaml from the directory and applies the defaults around it', () => {
    const cwd = directoryWith({
      'moat.config.yaml': 'region: eu-west-1\navailabilityZones: [eu-west-1a, eu-west-1b]\n',
    });
    expect(loadConfig({ cwd })).toEqual({
      ok: true,
      config: { ...defaultConfig, region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b'] },
      warnings: [],
      source: join(cwd, 'moat.config.yaml'),
    });
  });

  it('reads an empty file as the defaults', () => {
    const cwd = directoryWith({ 'moat.config.yaml': '# nothing yet\n' });
    expect(loadConfig({ cwd })).toMatchObject({ ok: true, config: defaultConfig });
  });

  it('resolves an explicit path against cwd', () => {
    const cwd = directoryWith({ 'other.yaml': 'waf: { rateLimit: 500 }\n' });
    expect(loadConfig({ cwd, path: 'other.yaml' })).toMatchObject({
      ok: true,
      config: { waf: { rateLimit: 500 } },
      source: join(cwd, 'other.yaml'),
    });
  });

  it('rejects an explicit path that does not exist', () => {
    const cwd = directoryWith({});
    const missing = join(cwd, 'missing.yaml');
    expect(loadConfig({ cwd, path: 'missing.yaml' })).toEqual({
      ok: false,
      source: missing,
      issues: [
        {
          path: '(file)',
          received: missing,
          problem: 'does not exist',
          fix: 'give the path of an existing config file, or omit it to use ./moat.config.yaml or the embedded default',
          severity: 'error',
        },
      ],
    });
  });

  it('rejects YAML syntax errors with their line and column instead of throwing', () => {
    const cwd = directoryWith({
      'moat.config.yaml': 'region: eu-central-1\ncidrs: container: 10.0.0.0/16\n',
    });
    const result = loadConfig({ cwd });
    expect(!result.ok && result.issues).toEqual([
      {
        path: 'line 2, column 8',
        received: 'cidrs: container: 10.0.0.0/16',
        problem: 'is not valid YAML: Nested mappings are not allowed in compact mappings',
        fix: 'correct the YAML syntax at that position (indentation, quotes, ":" after each key)',
        severity: 'error',
      },
    ]);
  });

  it('reports the validation issues of a file', () => {
    const cwd = directoryWith({ 'moat.config.yaml': 'accounts:\n  workload: 222222222222\n' });
    expect(loadConfig({ cwd })).toMatchObject({
      ok: false,
      issues: [{ path: 'accounts.workload', received: 222222222222, problem: 'is not a string' }],
    });
  });

  it('accepts the example config published next to the schema', () => {
    const example = fileURLToPath(new URL('../../moat.config.example.yaml', import.meta.url));
    const result = loadConfig({ path: example });
    expect(result).toMatchObject({ ok: true, warnings: [] });
    expect(result.ok && result.config.nlb.privateIps).toEqual(['10.0.0.10', '10.0.64.10']);
  });
});
