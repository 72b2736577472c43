import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CostDelta, CostReport } from '@moat/analyzer';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../../src/main.js';
import { captureIo } from '../capture-io.js';

async function run(...argv: string[]) {
  const io = captureIo();
  const code = await runCli(['cost', ...argv], io);
  return { code, stdout: io.out(), stderr: io.err() };
}

const cost = (...argv: string[]) => run('--assembly', inject('step7Assembly'), ...argv);

async function usageFile(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'moat-cost-usage-')), 'usage.yaml');
  await writeFile(path, text);
  return path;
}

describe('moat cost', () => {
  it("prices step 7 in the stacks' own region at 730 hours by default", async () => {
    const { code, stdout } = await cost();
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(
      /^Monthly cost in eu-central-1 at 730 h\/month, prices as of \d{4}-\d\d-\d\d$/,
    );
    expect(stdout).toMatch(/^ +TOTAL +\$[\d,]+\.\d\d$/m);
    expect(Math.max(...stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(120);
  });

  it('prices with a usage file: the firewall named by its construct path, each NAT gateway by its kind, the rest defaults', async () => {
    const usage = await usageFile(
      [
        'kinds:',
        '  natGateway:',
        '    monthlyDataProcessedGb: 1000',
        'resources:',
        '  MoatNetwork/EgressFirewall/Firewall:',
        '    monthlyDataProcessedGb: 2000',
        '',
      ].join('\n'),
    );
    const { code, stdout } = await cost('--usage', usage, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as CostReport;
    const usageOf = (charge: string) =>
      report.lines
        .filter((line) => line.charge === charge)
        .map((line) => [line.quantity, line.usage?.at ?? line.usage?.from]);
    expect(usageOf('natGatewayGb')).toEqual([
      [{ known: true, value: '1000' }, 'kinds.natGateway.monthlyDataProcessedGb'],
      [{ known: true, value: '1000' }, 'kinds.natGateway.monthlyDataProcessedGb'],
    ]);
    expect(usageOf('firewallGb')).toEqual([
      [
        { known: true, value: '2000' },
        'resources.MoatNetwork/EgressFirewall/Firewall.monthlyDataProcessedGb',
      ],
    ]);
    expect(usageOf('dataTransferOutGb')).toEqual([[{ known: true, value: '10' }, 'default']]);
    // The waiver gives back the NAT data the firewall inspected: all 2,000 GB of it at $0.052.
    expect(report.lines.find((line) => line.charge === 'natGatewayGbWaiver')?.monthlyUsd).toEqual({
      known: true,
      value: '-104.00',
    });
  });

  it('rejects a usage file with a mistake, naming the file, the path, the value and the fix, with exit 2', async () => {
    const usage = await usageFile('kinds:\n  natGateway:\n    monthlyDataProcessedGb: -1\n');
    expect(await cost('--usage', usage)).toEqual({
      code: 2,
      stdout: '',
      stderr: `moat cost: ${usage}: 1 problem\n  - kinds.natGateway.monthlyDataProcessedGb: received -1 — is too small. Fix: use a number of 0 or more.\n`,
    });
  });

  it('compares two assemblies with --diff A B, and says so when nothing changed', async () => {
    const { code, stdout } = await run('--diff', inject('step7Assembly'), inject('step7DropAssembly'));
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(-3)).toEqual([
      expect.stringMatching(/^ +TOTAL +(\$[\d,]+\.\d\d) +\1 +\+\$0\.00$/),
      'No line changed.',
      '',
    ]);
    const json = await run('--diff', inject('step7Assembly'), inject('step7DropAssembly'), '--json');
    const { before, after, change } = JSON.parse(json.stdout) as {
      before: CostReport;
      after: CostReport;
      change: CostDelta;
    };
    expect([change.changeUsd, change.resources, before.totalUsd]).toEqual(['0.00', [], after.totalUsd]);
  });

  it('rejects --diff with one assembly, and --diff together with --assembly', async () => {
    expect(await run('--diff', inject('step7Assembly'))).toEqual({
      code: 2,
      stdout: '',
      stderr: 'moat cost: --diff needs two values, as in "--diff A B"\n',
    });
    expect((await cost('--diff', 'a', 'b')).stderr).toBe(
      'moat cost: give --assembly DIR to price one assembly, or --diff A B to compare two, not both\n',
    );
  });

  it("prints one JSON document; in us-east-1 at 720 h two firewall endpoints cost the guide's $568.80", async () => {
    const { code, stdout } = await cost('--region', 'us-east-1', '--hours', '720', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as CostReport;
    expect(report.region).toBe('us-east-1');
    expect(report.hoursPerMonth).toBe(720);
    const firewall = report.lines.find((line) => line.charge === 'firewallEndpointHour');
    expect(firewall?.monthlyUsd).toEqual({ known: true, value: '568.80' });
    const nat = report.lines.filter((line) => line.charge === 'natGatewayHour');
    expect(nat.map((line) => line.monthlyUsd)).toEqual([
      { known: true, value: '32.40' },
      { known: true, value: '32.40' },
    ]);
  });

  it('rejects a region without a price table, with exit 2 and the regions that have one', async () => {
    const { code, stdout, stderr } = await cost('--region', 'mars-1');
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(
      /^moat: config embedded default\nmoat cost: No price table for region 'mars-1'\. Moat prices the 35 commercial regions: af-south-1, .*, us-west-2\. Pass one of them/,
    );
  });

  it('prices a region without figures as UNKNOWN, never $0, and names every missing price once', async () => {
    const { code, stdout } = await cost('--region', 'ap-southeast-2');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ +TOTAL \(incomplete, at least\) +\$0\.00$/m);
    expect(stdout).not.toMatch(/ \$0\.00$\n(?! )/);
    const missing = stdout.slice(stdout.indexOf('Missing ap-southeast-2 prices')).replace(/\n {2}/g, ' ');
    expect(missing.split('\n')[0]).toBe(
      'Missing ap-southeast-2 prices (their lines are UNKNOWN): NAT gateway-hour; GB processed by a NAT gateway; ' +
        'firewall endpoint-hour; GB processed by a firewall endpoint; interface endpoint-hour per Availability Zone; ' +
        'GB processed by interface endpoints (first 1 PB a month); Transit Gateway attachment-hour; ' +
        'GB sent from a VPC to a Transit Gateway; Network Load Balancer-hour; NLCU-hour; Application Load Balancer-hour; ' +
        'LCU-hour; Fargate vCPU-hour (Linux/x86); Fargate GB-hour (Linux/x86); public IPv4 address-hour; ' +
        'GB out to the internet (first 10 TB a month). Why: no saved AWS Price List extract covers ap-southeast-2 and ' +
        'no figure was checked by hand (packages/analyzer/data/price-list/README.md).',
    );
  });

  it('rejects hours that are not a positive number, and more hours than a month has', async () => {
    expect(await cost('--hours', 'many')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'moat cost: --hours must be a positive number, received "many"\n',
    });
    const { code, stderr } = await cost('--hours', '800');
    expect(code).toBe(2);
    expect(stderr).toBe(
      "moat: config embedded default\nmoat cost: Invalid hours per month: received 800; expected a number above 0 and at most 744 (31 days); AWS's monthly average is 730.\n",
    );
  });
});
