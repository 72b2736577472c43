import type { CostReport } from '@moat/analyzer';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../../src/main.js';
import { captureIo } from '../capture-io.js';

async function cost(...argv: string[]) {
  const io = captureIo();
  const code = await runCli(['cost', '--assembly', inject('step7Assembly'), ...argv], io);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('moat cost', () => {
  it("prices step 7 in the stacks' own region at 730 hours by default", async () => {
    const { code, stdout } = await cost();
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(
      /^Monthly cost in eu-central-1 at 730 h\/month, prices as of \d{4}-\d\d-\d\d$/,
    );
    expect(stdout).toMatch(/^ +TOTAL +\$[\d,]+\.\d\d$/m);
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
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      "moat cost: No price table for region 'mars-1'. Available regions: eu-central-1, us-east-1. Pass one of them, or add packages/analyzer/data/prices/mars-1.json with a source and a date on every figure.\n",
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
      "moat cost: Invalid hours per month: received 800; expected a number above 0 and at most 744 (31 days); AWS's monthly average is 730.\n",
    );
  });
});
