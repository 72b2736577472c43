import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CALLED_ACTIONS, DISAGREEMENT_KINDS } from '@moat/confirm';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deployToMoto, synthStep } from '../../../confirm/test/support/deploy-step.js';
import { playProbeContainers } from '../../../confirm/test/support/fake-probe-container.js';
import {
  type LoopbackServers,
  startLoopbackServers,
} from '../../../confirm/test/support/loopback-servers.js';
import { type MotoServer, startMoto } from '../../../confirm/test/support/moto.js';
import {
  type ReachabilityStub,
  startReachabilityStub,
} from '../../../confirm/test/support/reachability-stub.js';
import { runCli } from '../../src/main.js';
import type { SarifLog } from '../../src/sarif/index.js';
import { captureIo } from '../capture-io.js';
import { schemaErrors } from '../json/schemas.js';

const validateSarif = (() => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(
    JSON.parse(
      readFileSync(fileURLToPath(new URL('../vendor/sarif-schema-2.1.0.json', import.meta.url)), 'utf8'),
    ) as object,
  );
})();

async function confirm(...argv: string[]) {
  const io = captureIo();
  const code = await runCli(['confirm', ...argv], io);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('moat confirm', () => {
  it('prints the IAM policy whose first statement lists exactly the calls it makes', async () => {
    const { code, stdout } = await confirm('--iam-policy');
    expect(code).toBe(0);
    const policy = JSON.parse(stdout) as { Statement: { Sid: string; Action: string[] }[] };
    expect(policy.Statement[0]).toMatchObject({ Sid: 'MoatConfirmCalls', Action: [...CALLED_ACTIONS] });
    expect(policy.Statement.map((statement) => statement.Sid)).toEqual([
      'MoatConfirmCalls',
      'ReachabilityAnalyzerReads',
      'TagOnCreate',
      'PassTaskRolesToEcs',
    ]);
  });

  it('rejects a --profile that is neither ACCOUNT=PROFILE pairs nor one name, with exit 2', async () => {
    const { code, stderr } = await confirm('--assembly', '.', '--profile', 'networking=');
    expect(code).toBe(2);
    expect(stderr).toBe(
      'moat: config embedded default\nmoat confirm: --profile "networking=": "networking=" is not ACCOUNT=PROFILE; write --profile networking=P1,workload=P2, or one profile for every account\n',
    );
  });

  describe('against step 6 deployed in moto', () => {
    let moto: MotoServer;
    let stub: ReachabilityStub;
    let servers: LoopbackServers;
    let assembly: string;

    beforeAll(async () => {
      // The standard credential chain reads these first; moto accepts any.
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'testing');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'testing');
      assembly = synthStep(6, join(await mkdtemp(join(tmpdir(), 'moat-cli-confirm-')), '6'));
      moto = await startMoto();
      await deployToMoto(moto.endpoint, assembly);
      stub = await startReachabilityStub(moto.endpoint, assembly);
      servers = await startLoopbackServers();
    });
    afterAll(async () => {
      vi.unstubAllEnvs();
      await stub?.stop();
      await servers?.stop();
      await moto?.stop();
    });

    /** Runs `confirm` with its probe tasks played by containers that answer from the loopback servers. */
    const withProbeContainers = async (run: () => Promise<void>) => {
      const container = playProbeContainers(moto.endpoint, () => ({
        address: '127.0.0.1',
        port: servers.open,
      }));
      try {
        await run();
      } finally {
        await container.stop();
      }
    };

    it('stops before creating anything when there is no terminal to ask and no --yes', async () => {
      const before = stub.createdPaths.length;
      const { code, stderr } = await confirm(
        '--assembly',
        assembly,
        '--endpoint-url',
        stub.endpoint,
        '--flows',
        'egress-allowed',
        '--resolve',
        'api.binance.com=203.0.113.10',
      );
      expect(code).toBe(2);
      expect(stderr).toMatch(
        /^moat: config embedded default\nmoat confirm will run 2 Reachability Analyzer analyses × \$0\.10 = \$0\.20 \(price as of \d{4}-\d\d-\d\d, https:\/\/aws\.amazon\.com\/vpc\/pricing\/ \(Network Analysis tab\)\), and 2 one-off Fargate probe tasks of about a minute each\.\n/,
      );
      expect(stderr).toMatch(
        /moat confirm: no terminal to ask on: give --yes to accept the charge above \(nothing was created\)\n$/,
      );
      expect(stub.createdPaths.length).toBe(before);
    });

    it('exits 0 and prints every flow agreeing when RA, the probe and Moat agree', async () => {
      const zones = new Map<string, number>();
      stub.setAnswer((path) => {
        if (path.get('DestinationIp') !== '203.0.113.10') return { fixture: 'not-reachable.xml', az: 1 };
        const source = path.get('Source') ?? '';
        if (!zones.has(source)) zones.set(source, zones.size + 1);
        return { fixture: 'step6-egress-nat.xml', az: zones.get(source) ?? 1 };
      });
      await withProbeContainers(async () => {
        const { code, stdout } = await confirm(
          '--assembly',
          assembly,
          '--endpoint-url',
          stub.endpoint,
          '--flows',
          'egress-allowed,direct-to-task',
          '--resolve',
          'api.binance.com=203.0.113.10',
          '--yes',
        );
        expect(stdout).toMatch(/^Stacks:\n/);
        expect(stdout).toMatch(
          /^ {2}✓ {2}egress-allowed PriceService0B9AD400 → api\.binance\.com:443\/tcp @eu-central-1a +ACCEPTED +reachable, same path +got through +yes$/m,
        );
        expect(stdout).toMatch(
          /^ {2}✓ {2}direct-to-task internet → PriceService0B9AD400:8080\/tcp +NOT_REACHABLE_FROM_INTERNET +not reachable +n\/a +yes$/m,
        );
        expect(stdout).toMatch(/Result: all 3 flows agree with the offline proof\n$/);
        expect(code).toBe(0);
      });
    });

    it('prints a --json document that validates against schemas/confirm.schema.json', async () => {
      stub.setAnswer(() => ({ fixture: 'not-reachable.xml', az: 1 }));
      await withProbeContainers(async () => {
        const { code, stdout } = await confirm(
          '--assembly',
          assembly,
          '--endpoint-url',
          stub.endpoint,
          '--flows',
          'direct-to-task',
          '--yes',
          '--json',
        );
        const document = JSON.parse(stdout) as { rows: { name: string; status: string }[] };
        expect(schemaErrors('confirm', document)).toBeUndefined();
        expect(document).toMatchObject({ schema: 'confirm', schemaVersion: 1, agree: true });
        expect(document.rows.map((row) => [row.name, row.status])).toEqual([['direct-to-task', 'agree']]);
        expect(code).toBe(0);
      });
    });

    it('writes each disagreement as a SARIF result on the first hop where RA and Moat part', async () => {
      stub.setAnswer((path) =>
        path.get('DestinationIp') === '203.0.113.10'
          ? { fixture: 'step6-egress-other-nat.xml', az: 1 }
          : undefined,
      );
      await withProbeContainers(async () => {
        const { code, stdout } = await confirm(
          '--assembly',
          assembly,
          '--endpoint-url',
          stub.endpoint,
          '--flows',
          'egress-allowed',
          '--resolve',
          'api.binance.com=203.0.113.10',
          '--yes',
          '--format',
          'sarif',
        );
        const log = JSON.parse(stdout) as SarifLog;
        expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
        const [run] = log.runs;
        expect(run?.tool.driver.rules.map((rule) => rule.id)).toEqual([
          ...Object.keys(DISAGREEMENT_KINDS).map((kind) => `confirm/${kind}`),
          'confirm/stack',
        ]);
        // The recorded answer leaves through AZ 2's NAT from AZ 1's private route table, for both paths: the
        // trace from eu-central-1a parts from it at the egress VPC's transit route table, the one from
        // eu-central-1b at its first route table.
        expect(run?.results.map((result) => [result.ruleId, result.message.text.split(': ')[0]])).toEqual([
          [
            'confirm/ra-different-hop',
            'egress-allowed PriceService0B9AD400 → api.binance.com:443/tcp @eu-central-1a',
          ],
          [
            'confirm/ra-different-hop',
            'egress-allowed PriceService0B9AD400 → api.binance.com:443/tcp @eu-central-1b',
          ],
        ]);
        const [result] = run?.results ?? [];
        expect(result?.ruleId).toBe('confirm/ra-different-hop');
        expect(run?.tool.driver.rules[result?.ruleIndex ?? -1]?.id).toBe('confirm/ra-different-hop');
        expect(result?.message.text).toMatch(
          /^egress-allowed PriceService0B9AD400 → api\.binance\.com:443\/tcp @eu-central-1a: the paths part at checkpoint 3: Moat: subnet MoatNetwork\/EgressVpc\/TransitSubnet1\/Subnet: .* \| RA: route table rtb-\w+: 0\.0\.0\.0\/0 → nat-\w+$/,
        );
        const [location] = result?.locations ?? [];
        // The assembly is outside the folder moat ran in, so its template is named by its file URI.
        expect(location?.physicalLocation.artifactLocation).toEqual({
          uri: pathToFileURL(join(assembly, 'MoatNetwork.template.json')).href,
        });
        expect(location?.logicalLocations?.[0]?.name).toMatch(/^EgressVpcTransitSubnet1RouteTable/);
        expect(location?.message?.text).toBe(
          "the first hop where Moat's path from eu-central-1a and Reachability Analyzer's part",
        );
        expect(code).toBe(1);
      });
    });
  });
});
