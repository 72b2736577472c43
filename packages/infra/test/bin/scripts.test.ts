import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** Runs bin/app.ts as `cdk synth` does: `-c` values in CDK_CONTEXT_JSON, the assembly folder in CDK_OUTDIR. */
async function app(
  context: Record<string, string>,
): Promise<{ code: number; stderr: string; outdir: string }> {
  const outdir = mkdtempSync(join(tmpdir(), 'moat-app-'));
  try {
    const { stderr } = await run('node', ['--import', 'tsx', 'bin/app.ts'], {
      cwd: PACKAGE_ROOT,
      // No MOAT_CONFIG, and no moat.config.yaml above packages/infra in a clean checkout: the embedded default.
      env: { ...process.env, MOAT_CONFIG: '', CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir },
    });
    return { code: 0, stderr, outdir };
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string };
    return { code, stderr, outdir };
  }
}

describe('bin/app.ts', () => {
  it('synthesizes the step that -c step names, by slug', async () => {
    const result = await app({ step: 'internal-nlb' });
    expect(result.code).toBe(0);
    expect(existsSync(join(result.outdir, 'MoatWorkload.template.json'))).toBe(true);
  });

  it('says on stderr which config it used', async () => {
    const result = await app({ step: '5' });
    expect(result.stderr).toBe('moat: config embedded default\n');
  });

  it('rejects an unknown step with the value received and the choices, without a stack trace', async () => {
    const result = await app({ step: 'firewall' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'moat: config embedded default\n' +
        'Unknown step "firewall". Use an id from 2 to 10 or a slug: 2 (public-ec2), 3 (alb-nat), 4 (ecs-fargate), 5 (internal-nlb), 6 (transit-gateway), 7 (network-firewall), 8 (api-gateway), 9 (waf), 10 (split-accounts).\n',
    );
  });

  it('rejects a config file that does not exist, naming the path', async () => {
    const result = await app({ step: '7', config: 'no-such-moat.config.yaml' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no-such-moat.config.yaml');
    expect(result.stderr).toContain('does not exist');
    expect(result.stderr).not.toContain('    at ');
  });
});

describe('bin/synth-all.ts', () => {
  it('rejects an unknown flag with exit code 2, the flag and the usage, without a stack trace', async () => {
    const failure = await run('node', ['--import', 'tsx', 'bin/synth-all.ts', '--bogus'], {
      cwd: PACKAGE_ROOT,
    }).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toBe(
      "synth:all: Unknown option '--bogus'\nusage: npm run synth:all -- [--config <moat.config.yaml>] [--out <dir>]  (in packages/infra)\n",
    );
  });
});
