import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { invariants, loadAssembly } from '@moat/analyzer';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../../src/main.js';
import { resourceKeyRegions, type SarifLog, verificationToSarif } from '../../src/sarif/index.js';
import { captureIo } from '../capture-io.js';

const schema = JSON.parse(
  readFileSync(fileURLToPath(new URL('../vendor/sarif-schema-2.1.0.json', import.meta.url)), 'utf8'),
) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(schema);

async function sarifOf(assembly: string, cwd: string): Promise<{ code: number; log: SarifLog }> {
  const io = captureIo(cwd);
  const code = await runCli(['verify', '--assembly', assembly, '--format', 'sarif'], io);
  return { code, log: JSON.parse(io.out()) as SarifLog };
}

const natEgress = fileURLToPath(new URL('../../../analyzer/test/fixtures/nat-egress', import.meta.url));
const fixturesDir = fileURLToPath(new URL('../../../analyzer/test/fixtures', import.meta.url));

describe('moat verify --format sarif', () => {
  it('validates against the SARIF 2.1.0 schema for a clean step and for the failing step-7 experiment', async () => {
    for (const assembly of [inject('step7Assembly'), inject('step7DropAssembly')]) {
      const { log } = await sarifOf(assembly, join(assembly, '..', '..'));
      expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    }
    expect(validateSarif({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);
  });

  it("describes every invariant as a rule with GitHub's required texts, and names the tool and its version", async () => {
    const { log } = await sarifOf(inject('step7Assembly'), process.cwd());
    const [run] = log.runs;
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(run?.tool.driver).toMatchObject({ name: 'Moat', version, semanticVersion: version });
    const net006 = run?.tool.driver.rules.find((rule) => rule.id === 'NET006');
    const source = invariants.find((rule) => rule.id === 'NET006');
    expect(net006).toEqual({
      id: 'NET006',
      name: source?.title,
      shortDescription: { text: source?.title },
      fullDescription: { text: source?.rationale },
      help: {
        text: `${source?.rationale}\n\nHow to fix: ${source?.fix}`,
        markdown: `**${source?.title}**\n\n${source?.rationale}\n\n**How to fix:** ${source?.fix}\n\nSee docs/RULES.md#net006.`,
      },
      defaultConfiguration: { level: 'error' },
      properties: {
        tags: ['network', 'aws', 'cloudformation'],
        precision: 'high',
        'problem.severity': 'error',
      },
    });
    for (const rule of run?.tool.driver.rules ?? []) {
      for (const text of [rule.shortDescription.text, rule.fullDescription.text, rule.help.text]) {
        expect(text.length, rule.id).toBeGreaterThan(0);
      }
    }
    expect(run?.results).toEqual([]);
  });

  it('places an invariant finding on the logical ID line of its template, relative to where moat ran', async () => {
    const { code, log } = await sarifOf(natEgress, fixturesDir);
    expect(code).toBe(1);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const [result] = log.runs[0]?.results ?? [];
    const template = readFileSync(join(natEgress, 'Network.template.json'), 'utf8');
    const line = template.split('\n').findIndex((text) => text.includes('"Vpc":')) + 1;
    expect(result).toMatchObject({
      ruleId: 'NET007',
      level: 'error',
      message: {
        text: 'Network/Vpc: the VPC has no flow log. Add an AWS::EC2::FlowLog with ResourceType VPC and TrafficType ALL.',
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'nat-egress/Network.template.json', uriBaseId: '%SRCROOT%' },
            region: { startLine: line, endLine: line },
          },
          logicalLocations: [{ name: 'Vpc', fullyQualifiedName: 'Network/Vpc', kind: 'resource' }],
        },
      ],
    });
    expect(result?.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
    expect(log.runs[0]?.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `file://${fixturesDir}/` } });
  });

  it('reports a flow that is not as expected under its own rule, on the hop where it stops, with every hop as its code flow', async () => {
    const assembly = inject('step7DropAssembly');
    const { code, log } = await sarifOf(assembly, join(assembly, '..', '..'));
    expect(code).toBe(1);
    const run = log.runs[0];
    const flows = run?.results.filter((result) => result.ruleId === 'flow/egress-allowed') ?? [];
    expect(flows).toHaveLength(1);
    const [flow] = flows;
    expect(run?.tool.driver.rules[flow?.ruleIndex ?? -1]?.id).toBe('flow/egress-allowed');
    expect(flow?.message.text).toMatch(
      /^egress-allowed: PriceService\w+ → api\.binance\.com:443\/tcp is DROPPED_BY_FIREWALL from eu-central-1[ab], expected ACCEPTED\. rule sid \d+ 'deny api\.binance\.com' \(EgressFirewallDomainRules\w+\) drops the TLS ClientHello \(SNI api\.binance\.com\)$/,
    );
    expect(flow?.locations[0].logicalLocations?.[0]?.fullyQualifiedName).toMatch(
      /^MoatNetwork\/EgressFirewall\//,
    );
    expect(flow?.locations[0].physicalLocation.artifactLocation.uri).toBe(
      'steps/7/MoatNetwork.template.json',
    );
    const hops = flow?.codeFlows?.[0]?.threadFlows[0]?.locations ?? [];
    expect(hops.length).toBeGreaterThan(3);
    expect(hops[0]?.location.message?.text).toMatch(/^task ENI \(eu-central-1[ab]\): /);
  });

  it('keeps an acknowledged finding as a result with a SARIF suppression carrying the reason', async () => {
    const dir = fixturesDir;
    const input = { assembly: loadAssembly(natEgress) };
    const verification = {
      flows: [],
      findings: [
        {
          ruleId: 'NET007' as const,
          severity: 'error' as const,
          message: 'Network/Vpc: the VPC has no flow log.',
          source: { stack: 'Network', logicalId: 'Vpc', type: 'AWS::EC2::VPC' },
          acknowledgement: { reason: 'flow logs are central', origin: 'acknowledge[0] of the config' },
        },
      ],
      staleAcknowledgements: [],
      acknowledgementProblems: [],
      skippedFlows: [],
      azLoss: [],
      highlyAvailable: false,
      holds: true,
    };
    const log = verificationToSarif(verification, input.assembly, {
      toolVersion: '1.2.3',
      baseDir: dir,
      docsUrl: 'https://example.org/moat/docs/',
    });
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(log.runs[0]?.results[0]?.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'flow logs are central' },
    ]);
    expect(log.runs[0]?.tool.driver.rules.find((rule) => rule.id === 'NET007')?.helpUri).toBe(
      'https://example.org/moat/docs/RULES.md#net007',
    );
  });
});

describe('resourceKeyRegions', () => {
  it('finds each resource key under Resources in pretty and minified JSON, not keys of the same name elsewhere', () => {
    const pretty =
      '{\n "Outputs": {\n  "Vpc": {}\n },\n "Resources": {\n  "Vpc": {\n   "Properties": {"Vpc": 1}\n  }\n }\n}';
    expect(resourceKeyRegions(pretty).get('Vpc')).toEqual({
      startLine: 6,
      startColumn: 3,
      endLine: 6,
      endColumn: 8,
    });
    const minified = '{"Resources":{"A\\"b":{"Type":"x"},"Vpc":{"Type":"y"}}}';
    expect(resourceKeyRegions(minified).get('Vpc')).toEqual({
      startLine: 1,
      startColumn: 35,
      endLine: 1,
      endColumn: 40,
    });
    expect([...resourceKeyRegions(minified).keys()]).toEqual(['A"b', 'Vpc']);
  });
});
