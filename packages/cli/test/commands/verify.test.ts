import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../../src/main.js';
import type { Verification } from '../../src/verification.js';
import { captureIo } from '../capture-io.js';

async function verify(...argv: string[]) {
  const io = captureIo();
  const code = await runCli(['verify', ...argv], io);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('moat verify', () => {
  it('exits 0 when every standard flow and invariant of step 7 holds', async () => {
    const { code, stdout } = await verify('--assembly', inject('step7Assembly'));
    expect(stdout).toMatch(/^Flows: (\d+) of \1 as expected$/m);
    expect(stdout).toMatch(/^ {2}✓ {2}egress-allowed +PriceService → api\.binance\.com:443\/tcp +ACCEPTED$/m);
    expect(stdout).toMatch(
      /^ {2}✓ {2}egress-denied +PriceService → example\.com:443\/tcp +DROPPED_BY_FIREWALL$/m,
    );
    expect(stdout).toMatch(/^Invariants: 0 errors, \d+ warnings?$/m);
    expect(stdout).toContain('AZ loss (the workload runs in several AZs, so each loss must be survived):\n');
    expect(stdout).toMatch(/^ {2}✓ {2}without eu-central-1a {2}every accepted flow still accepted$/m);
    expect(stdout).toMatch(/^ {2}✓ {2}without eu-central-1b {2}every accepted flow still accepted$/m);
    expect(stdout).toMatch(/Result: every flow and invariant holds\n$/);
    expect(code).toBe(0);
  });

  it('prints one JSON document with the flows, their traces, the findings and the verdict', async () => {
    const { code, stdout } = await verify('--assembly', inject('step7Assembly'), '--json');
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as Verification;
    expect(document.holds).toBe(true);
    expect(new Set(document.flows.map((flow) => flow.expectation.name))).toEqual(
      new Set(['ingress', 'egress-allowed', 'egress-denied', 'aws-services', 'direct-to-task']),
    );
    expect(document.flows.every((flow) => flow.traces.length > 0)).toBe(true);
    expect(document.highlyAvailable).toBe(true);
    expect(document.azLoss.map((loss) => [loss.availabilityZone, loss.survives])).toEqual([
      ['eu-central-1a', true],
      ['eu-central-1b', true],
    ]);
  });

  it('fails with exit 1 when the Binance rule is DROP, and prints the trace that names the rule', async () => {
    const { code, stdout } = await verify('--assembly', inject('step7DropAssembly'));
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^ {2}✗ {2}egress-allowed +PriceService → api\.binance\.com:443\/tcp +DROPPED_BY_FIREWALL, expected ACCEPTED$/m,
    );
    expect(stdout).toMatch(
      /^ {5}reason: EgressFirewallDomainRules\w+ rule 'deny api\.binance\.com' DROPs it$/m,
    );
    expect(stdout).toMatch(/Result: 1 flow not as expected, 0 invariant errors, 0 AZ losses not survived\n$/);
  });

  it('rejects a folder that holds no stack, with exit 2', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'moat-empty-'));
    const { code, stderr } = await verify('--assembly', empty);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^moat verify: The folder '.*' holds no CloudFormation stack: .*Run 'cdk synth' first, or point at the folder that holds the templates\.\n$/,
    );
  });
});
