import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
      /^ {5}reason: rule sid 200001 'deny api\.binance\.com' \(EgressFirewallDomainRules\w+\) drops the TLS ClientHello \(SNI api\.binance\.com\)$/m,
    );
    expect(stdout).toMatch(/Result: 1 flow not as expected, 0 invariant errors, 0 AZ losses not survived\n$/);
  });

  it("says that step 1's assembly has no AWS, with exit 2", async () => {
    const out = await mkdtemp(join(tmpdir(), 'moat-step1-'));
    const io = captureIo(out);
    expect(await runCli(['synth', '--step', '1', '--out', out], io)).toBe(0);
    const step1 = join(out, 'steps', '1');
    expect(await verify('--assembly', step1)).toEqual({
      code: 2,
      stdout: '',
      stderr: `moat verify: '${step1}' is a cloud assembly without stacks: its CDK app defines no CloudFormation stack, so there is no network to analyze. Moat's step 1 (local-container) is such an assembly: the container alone, with no AWS. Verify step 2 or later, such as out/steps/2.\n`,
    });
  });

  it('checks a flow of the config only in the steps it is limited to, and says why it skips it elsewhere', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'moat-flow-steps-'));
    const config = join(dir, 'moat.config.yaml');
    const flow = (name: string, steps: string) =>
      `  - name: ${name}\n    from: internet\n    to: task\n    port: 22\n    expect: NOT_REACHABLE_FROM_INTERNET\n    steps: ${steps}\n`;
    await writeFile(config, `flows:\n${flow('ssh-in-7', '[7]')}${flow('ssh-in-8-9', '[8, 9]')}`);
    const { code, stdout } = await verify('--assembly', inject('step7Assembly'), '--config', config);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^ {2}✓ {2}ssh-in-7 +internet → PriceService:22\/tcp +NOT_REACHABLE_FROM_INTERNET$/m,
    );
    expect(stdout).toContain('  -  ssh-in-8-9: skipped, limited to steps 8, 9, and this is step 7\n');
  });

  it('counts an acknowledged error apart, shows its reason, exits 0, and warns about an acknowledgement that matches nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'moat-acknowledge-'));
    const config = join(dir, 'moat.config.yaml');
    await writeFile(
      config,
      [
        'acknowledge:',
        '  - rule: NET007',
        '    resource: Vpc',
        '    reason: flow logs go to the central log account, outside this template',
        '  - rule: NET006',
        '    resource: Vpc',
        '    reason: an old exception that nothing matches any more',
        '',
      ].join('\n'),
    );
    const natEgress = fileURLToPath(new URL('../../../analyzer/test/fixtures/nat-egress', import.meta.url));
    expect((await verify('--assembly', natEgress)).code).toBe(1);
    const { code, stdout } = await verify('--assembly', natEgress, '--config', config);
    expect(stdout).toContain('Invariants: 0 errors, 0 warnings, 1 acknowledged\n');
    expect(stdout).toMatch(
      /^ {2}~ {2}NET007 {2}error, acknowledged {2}Vpc: the VPC has no flow log\. .* Acknowledged: flow logs go to the central log account, outside this template$/m,
    );
    expect(stdout).toContain(
      '  !  acknowledge[1] of the config acknowledges NET006 on "Vpc", but no such finding remains: remove it, or check the rule and the resource name\n',
    );
    expect(stdout).toMatch(/Result: every flow and invariant holds\n$/);
    expect(code).toBe(0);
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
