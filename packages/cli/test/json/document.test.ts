import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { JsonDocumentName } from '../../src/json/document.js';
import { runCli } from '../../src/main.js';
import { captureIo } from '../capture-io.js';
import { schemaErrors } from './schemas.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

async function json(...argv: string[]) {
  const io = captureIo(await mkdtemp(join(tmpdir(), 'moat-json-')));
  const code = await runCli(argv, io);
  return { code, text: io.out(), document: JSON.parse(io.out()) as Record<string, unknown> };
}

describe('the --json documents', () => {
  it('validate against their schemas and carry the schema name, its version and the moat version', async () => {
    const step7 = inject('step7Assembly');
    const drop = inject('step7DropAssembly');
    const ipRules = inject('step7IpRulesAssembly');
    const step8 = inject('step8Assembly');
    const config = inject('defaultConfig');
    const out = await mkdtemp(join(tmpdir(), 'moat-json-diagram-'));
    const usage = join(out, 'usage.yaml');
    await writeFile(
      usage,
      'kinds:\n  natGateway:\n    monthlyDataProcessedGb: 40\nresources:\n  NoSuchResource:\n    monthlyRequests: 5\n',
    );
    // A plain template with a Name tag and a route under a condition no parameter decides.
    const plain = await mkdtemp(join(tmpdir(), 'moat-json-plain-'));
    const web = readFileSync(
      new URL('../../../analyzer/test/fixtures/yaml-conditions/web.yaml', import.meta.url),
      'utf8',
    );
    await writeFile(
      join(plain, 'web.yaml'),
      web.replace(
        '      ImageId: ami-12345678\n',
        '      ImageId: ami-12345678\n      Tags: [{ Key: Name, Value: web-server }]\n',
      ),
    );
    // The runs that reach what the schemas must describe, checked below for that.
    const named = ['verify', '--assembly', plain, '--region', 'eu-central-1', '--json'];
    const notServed = ['trace', '--assembly', step8, '--from', 'internet', '--to', 'api'];
    notServed.push('--path', '/prod/nowhere', '--config', config, '--json');
    const profiled = ['cost', '--assembly', step8, '--usage', usage, '--json'];
    const diffed = ['cost', '--diff', step7, step8, '--json'];
    const cases: [JsonDocumentName, string[]][] = [
      ['verify', named],
      ['verify', ['verify', '--assembly', step7, '--json']],
      ['verify', ['verify', '--assembly', drop, '--json']],
      // The HTTP request and the service's routes on the flows.
      ['verify', ['verify', '--assembly', step8, '--config', config, '--json']],
      ['verify', ['verify', '--assembly', ipRules, '--config', inject('ipRulesConfig'), '--json']],
      ['verify-compact', ['verify', '--assembly', step7, '--json', '--compact']],
      ['verify-compact', ['verify', '--assembly', drop, '--json', '--compact']],
      ['verify-compact', ['verify', '--assembly', step8, '--config', config, '--json', '--compact']],
      ['trace', ['trace', '--assembly', step7, '--from', 'task', '--to', 'api.binance.com', '--json']],
      ['trace', notServed],
      ['cost', ['cost', '--assembly', step7, '--json']],
      ['cost', profiled],
      ['cost-diff', diffed],
      ['steps', ['steps', '--json']],
      ['diagram', ['diagram', '--assembly', step7, '--out', join(out, 'step-7.svg'), '--json']],
    ];
    const printed = new Map<string[], Awaited<ReturnType<typeof json>>>();
    for (const [schema, argv] of cases) {
      const result = await json(...argv);
      printed.set(argv, result);
      expect(schemaErrors(schema, result.document), argv.join(' ')).toBeUndefined();
      expect(result.document, argv.join(' ')).toMatchObject({
        schema,
        schemaVersion: 1,
        moatVersion: version,
      });
    }
    expect(printed.get(notServed)?.document.traces).toMatchObject([
      { disposition: 'NOT_SERVED', flow: { http: { method: 'GET', path: '/prod/nowhere' } } },
    ]);
    expect(printed.get(profiled)?.document.usage).toMatchObject({
      warnings: [expect.stringContaining('NoSuchResource')],
    });
    expect(printed.get(named)?.text).toContain('"nameTag": "web-server"');
    expect(printed.get(named)?.text).toContain(
      '"existenceUnknown": "DefaultRoute (web) exists only if its condition holds',
    );
    const diff = printed.get(diffed);
    if (diff === undefined) throw new Error('cost --diff did not run');
    expect((diff.document.change as { added: unknown[] }).added.length).toBeGreaterThan(0);
  });

  it('are rejected by their schemas when a field is missing or unknown, so the schemas can fail', async () => {
    const { document } = await json('steps', '--json');
    expect(schemaErrors('steps', { ...document, surprise: true })).toBe(
      'data must NOT have additional properties',
    );
    const { steps: _steps, ...withoutSteps } = document;
    expect(schemaErrors('steps', withoutSteps)).toBe("data must have required property 'steps'");
  });

  it('prints the compact verify document on one line, describing each resource once, at an eighth of the full size', async () => {
    const step7 = inject('step7Assembly');
    const full = await json('verify', '--assembly', step7, '--json');
    const compact = await json('verify', '--assembly', step7, '--json', '--compact');
    expect(compact.text.trimEnd().includes('\n')).toBe(false);
    expect(compact.document.holds).toBe(full.document.holds);
    expect(compact.text.length * 6).toBeLessThan(full.text.length);
    const resources = compact.document.resources as Record<string, { stack: string; logicalId: string }>;
    for (const [id, source] of Object.entries(resources))
      expect(id).toBe(`${source.stack}/${source.logicalId}`);
    const flows = compact.document.flows as { traces: { hops: { node: string }[] }[] }[];
    for (const hop of flows.flatMap((flow) => flow.traces.flatMap((trace) => trace.hops))) {
      expect(resources[hop.node], hop.node).toBeDefined();
    }
  });

  it('rejects --compact without --json, and --json with another --format', async () => {
    const step7 = inject('step7Assembly');
    const io = captureIo();
    expect(await runCli(['verify', '--assembly', step7, '--compact'], io)).toBe(2);
    expect(io.err()).toBe(
      'moat verify: --compact shapes the JSON document: add --json, or leave --compact out\n',
    );
    const other = captureIo();
    expect(await runCli(['verify', '--assembly', step7, '--json', '--format', 'sarif'], other)).toBe(2);
    expect(other.err()).toBe(
      'moat verify: --json asks for JSON, but --format asks for sarif; give one of them\n',
    );
    const bad = captureIo();
    expect(await runCli(['verify', '--assembly', step7, '--format', 'xml'], bad)).toBe(2);
    expect(bad.err()).toBe('moat verify: --format must be one of text, json, sarif, received "xml"\n');
  });
});
