import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Confirmation } from '@moat/confirm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deployToMoto } from '../../../confirm/test/support/deploy-step.js';
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
import { captureIo } from '../capture-io.js';
import { schemaErrors } from '../json/schemas.js';

async function plan(cwd: string, ...argv: string[]) {
  const io = captureIo(cwd);
  const code = await runCli(['plan', ...argv], io);
  return { code, stdout: io.out(), stderr: io.err() };
}

const BINANCE = '203.0.113.10';

describe('moat plan --confirm', () => {
  it('refuses the options of --confirm without it, naming them, before planning anything', async () => {
    const { code, stderr } = await plan(tmpdir(), '--steps', '6', '--profile', 'moat-dev', '--yes');
    expect(code).toBe(2);
    expect(stderr).toBe(
      'moat plan: --profile, --yes are options of --confirm: add --confirm to check the deployed steps after the plan, or leave them out\n',
    );
  });

  it('refuses --confirm without --steps: the steps share stack names, so one is deployed at a time', async () => {
    const { code, stderr } = await plan(tmpdir(), '--confirm', '--yes');
    expect(code).toBe(2);
    expect(stderr).toBe(
      'moat plan: --confirm checks the deployed step, and the steps share their stack names: name it with --steps, as in --steps 7 --confirm\n',
    );
  });

  describe('after step 6, as moat plan synthesized it, is deployed in moto', () => {
    let moto: MotoServer;
    let stub: ReachabilityStub;
    let servers: LoopbackServers;
    let outDir: string;

    beforeAll(async () => {
      // The standard credential chain reads these first; moto accepts any.
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'testing');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'testing');
      outDir = await mkdtemp(join(tmpdir(), 'moat-plan-confirm-'));
      // The workflow of docs/steps.md: plan, deploy the step's assembly, then plan again with --confirm.
      expect((await plan(outDir, '--steps', '6', '--out', outDir)).code).toBe(0);
      moto = await startMoto();
      await deployToMoto(moto.endpoint, join(outDir, 'steps', '6'));
      stub = await startReachabilityStub(moto.endpoint, join(outDir, 'steps', '6'));
      servers = await startLoopbackServers();
    });
    afterAll(async () => {
      vi.unstubAllEnvs();
      await stub?.stop();
      await servers?.stop();
      await moto?.stop();
    });

    const planAndConfirm = async (...extra: string[]) => {
      const container = playProbeContainers(moto.endpoint, () => ({
        address: '127.0.0.1',
        port: servers.open,
      }));
      try {
        return await plan(
          outDir,
          '--steps',
          '6',
          '--out',
          outDir,
          '--confirm',
          '--endpoint-url',
          stub.endpoint,
          '--flows',
          'egress-allowed,direct-to-task',
          '--resolve',
          `api.binance.com=${BINANCE}`,
          '--yes',
          ...extra,
        );
      } finally {
        await container.stop();
      }
    };

    /** The report's Confirmed table of a step, row by row, as the cells read. */
    const confirmedRows = (stepId: number): string[][] => {
      const page = readFileSync(join(outDir, 'report.html'), 'utf8');
      const section = new RegExp(
        `<section class="confirmed" id="step-${stepId}-confirmed"[\\s\\S]*?</section>`,
      ).exec(page)?.[0];
      if (section === undefined) throw new Error(`no Confirmed section for step ${stepId}`);
      return [...section.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
        [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1] ?? ''),
      );
    };

    it('plans, confirms the deployment and puts a Confirmed table in the report: every flow agrees, exit 0', async () => {
      const zones = new Map<string, number>();
      stub.setAnswer((path) => {
        if (path.get('DestinationIp') !== BINANCE) return { fixture: 'not-reachable.xml', az: 1 };
        const source = path.get('Source') ?? '';
        if (!zones.has(source)) zones.set(source, zones.size + 1);
        return { fixture: 'step6-egress-nat.xml', az: zones.get(source) ?? 1 };
      });
      const { code, stdout } = await planAndConfirm('--json');
      const document = JSON.parse(stdout) as { confirmed: { step: number; confirmation: Confirmation }[] };
      expect(schemaErrors('plan', document)).toBeUndefined();
      expect(document.confirmed.map(({ step, confirmation }) => [step, confirmation.agree])).toEqual([
        [6, true],
      ]);
      expect(confirmedRows(6)).toEqual([
        ['flow', 'offline verdict', 'RA verdict', 'live probe', 'agree?'],
        [
          'egress-allowed PriceService0B9AD400 → api.binance.com:443/tcp @eu-central-1a',
          'ACCEPTED',
          'reachable, same path',
          'got through',
          '✓ yes',
        ],
        [
          'egress-allowed PriceService0B9AD400 → api.binance.com:443/tcp @eu-central-1b',
          'ACCEPTED',
          'reachable, same path',
          'got through',
          '✓ yes',
        ],
        [
          'direct-to-task internet → PriceService0B9AD400:8080/tcp',
          'NOT_REACHABLE_FROM_INTERNET',
          'not reachable',
          'n/a',
          '✓ yes',
        ],
      ]);
      expect(code).toBe(0);
    });

    it('exits 1 and names the disagreement in the text output and the report when RA takes the other NAT', async () => {
      stub.setAnswer((path) =>
        path.get('DestinationIp') === BINANCE
          ? { fixture: 'step6-egress-other-nat.xml', az: 1 }
          : { fixture: 'not-reachable.xml', az: 1 },
      );
      const { code, stdout } = await planAndConfirm();
      expect(stdout).toMatch(/\nConfirm step 6 \(.*steps\/6\):\nStacks:\n/);
      expect(stdout).toMatch(/Result: 1 of 3 flows agree, 2 disagree, 0 unconfirmed\n$/);
      expect(confirmedRows(6).map((cells) => cells.at(-1))).toEqual(['agree?', '✗ no', '✗ no', '✓ yes']);
      const page = readFileSync(join(outDir, 'report.html'), 'utf8');
      expect(page).toMatch(
        /<li><strong>egress-allowed PriceService0B9AD400 → api\.binance\.com:443\/tcp @eu-central-1a<\/strong>: the paths part at checkpoint 3: Moat: subnet /,
      );
      expect(code).toBe(1);
    });
  });
});
