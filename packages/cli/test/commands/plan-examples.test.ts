import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/main.js';
import { captureIo } from '../capture-io.js';

const EXAMPLES = fileURLToPath(new URL('../../../../examples', import.meta.url));

/** `moat plan` on an example config (docs/egress-designs.md) over the steps its design changes. */
async function planExample(file: string): Promise<{ code: number; out: string }> {
  const outDir = await mkdtemp(join(tmpdir(), 'moat-plan-example-'));
  const io = captureIo(EXAMPLES);
  const code = await runCli(['plan', '--config', file, '--steps', '3,7,10', '--out', outDir], io);
  return { code, out: io.out() };
}

describe('moat plan on the example designs', () => {
  it('holds every step with the firewall on the Transit Gateway, its total a lower bound while the attachment is unpriced', async () => {
    const { code, out } = await planExample('firewall-on-tgw.yaml');
    expect(code).toBe(0);
    expect(out).toMatch(/\n {5}7 {2}network-firewall {16}8\/8 {2}0 errors, 0 warnings {2}≥\$\d/);
    expect(out).toMatch(/\n {4}10 {2}split-accounts {18}9\/9 {2}0 errors, 0 warnings {2}≥\$\d/);
    expect(out).toContain('Every step holds.');
    expect(out).not.toContain('Why:');
  });

  it('holds every step with a regional NAT gateway, its total a lower bound while the gateway is unpriced', async () => {
    const { code, out } = await planExample('regional-nat.yaml');
    expect(code).toBe(0);
    expect(out).toMatch(/\n {5}3 {2}alb-nat {25}7\/7 {2}0 errors, 0 warnings +≥\$\d/);
    expect(out).toMatch(/\n {5}7 {2}network-firewall {16}8\/8 {2}0 errors, 0 warnings {2}≥\$\d/);
    expect(out).toMatch(/\n {4}10 {2}split-accounts {18}9\/9 {2}0 errors, 0 warnings {2}≥\$\d/);
    expect(out).toContain('Every step holds.');
    expect(out).not.toContain('Why:');
  });

  it('says plainly, for the development profile, the cross-AZ NAT route and the AZ loss no step survives, and exits 1', async () => {
    const { code, out } = await planExample('development.yaml');
    expect(code).toBe(1);
    expect(out).toContain(
      'Not as expected: step 3 alb-nat, step 7 network-firewall, step 10 split-accounts (see the report)',
    );
    const why = out.slice(out.indexOf('Why:')).split('\n');
    expect(why[0]).toBe('Why:');
    expect(why[1]).toBe('  step 3 alb-nat');
    expect(why[2]).toMatch(
      /^ {4}✗ {2}NET011 {3}ContainerVpc\/PrivateSubnet2: the subnet is in eu-central-1b but its route 0\.0\.0\.0\/0 → nat-gateway .* leads to eu-central-1a; losing eu-central-1a cuts this subnet off\./,
    );
    expect(why.slice(3)).toEqual([
      '    ✗  AZ loss  without eu-central-1a: egress-allowed BLACKHOLE, aws-services BLACKHOLE ×4',
      '  step 7 network-firewall',
      '    ✗  AZ loss  without eu-central-1a: egress-allowed BLACKHOLE, aws-services BLACKHOLE ×3',
      '  step 10 split-accounts',
      '    ✗  AZ loss  without eu-central-1a: egress-allowed BLACKHOLE, aws-services BLACKHOLE ×3',
      '',
    ]);
  });
});
