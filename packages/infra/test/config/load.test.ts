import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CONFIG_ENV_VAR,
  defaultConfig,
  EMBEDDED_DEFAULT_SOURCE,
  loadConfig,
} from '../../src/config/index.js';

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
          problem: 'does not exist (the path was given)',
          fix: 'give the path of an existing config file, or unset it to use the first moat.config.yaml found from the working directory upward, else the embedded default',
          severity: 'error',
        },
      ],
    });
  });

  it('finds moat.config.yaml in a parent directory, as the CDK app does from packages/infra', () => {
    const root = directoryWith({ 'moat.config.yaml': 'waf: { rateLimit: 700 }\n' });
    const cwd = join(root, 'packages', 'infra');
    mkdirSync(cwd, { recursive: true });
    expect(loadConfig({ cwd, env: {} })).toMatchObject({
      ok: true,
      config: { waf: { rateLimit: 700 } },
      source: join(root, 'moat.config.yaml'),
    });
  });

  it('prefers the flag to MOAT_CONFIG, and MOAT_CONFIG to the file found upward', () => {
    const cwd = directoryWith({
      'moat.config.yaml': 'waf: { rateLimit: 100 }\n',
      'env.yaml': 'waf: { rateLimit: 200 }\n',
      'flag.yaml': 'waf: { rateLimit: 300 }\n',
    });
    const env = { [CONFIG_ENV_VAR]: 'env.yaml' };
    expect(loadConfig({ cwd, env, path: 'flag.yaml' })).toMatchObject({ source: join(cwd, 'flag.yaml') });
    expect(loadConfig({ cwd, env })).toMatchObject({ source: join(cwd, 'env.yaml') });
    expect(loadConfig({ cwd, env: {} })).toMatchObject({ source: join(cwd, 'moat.config.yaml') });
  });

  it('rejects a MOAT_CONFIG that names no file, saying where the path came from', () => {
    const cwd = directoryWith({});
    const result = loadConfig({ cwd, env: { [CONFIG_ENV_VAR]: 'nowhere.yaml' } });
    expect(!result.ok && result.issues[0]?.problem).toBe('does not exist (the path MOAT_CONFIG names)');
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
