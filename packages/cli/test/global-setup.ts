import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { runCli } from '../src/main.js';
import { captureIo } from './capture-io.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Step 7 (network firewall) synthesized with the embedded default config. */
    step7Assembly: string;
    /** Step 7 with a config whose api.binance.com rule is DROP. */
    step7DropAssembly: string;
  }
}

/** The config of the guide's step-7 experiment: the Binance rule turned from PASS to DROP. */
const DROP_BINANCE_CONFIG = `egress:
  domains:
    - domain: api.binance.com
      port: 443
      action: DROP
`;

/**
 * Synthesis is the slow part of every command test, so the assemblies the tests read are made once,
 * through `moat synth` itself, and shared with every test file.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'moat-cli-test-'));
  const dropConfig = join(root, 'drop-binance.yaml');
  await writeFile(dropConfig, DROP_BINANCE_CONFIG);
  await synth(root, ['--step', '7', '--out', join(root, 'default')]);
  await synth(root, ['--step', '7', '--config', dropConfig, '--out', join(root, 'drop')]);
  project.provide('step7Assembly', join(root, 'default', 'steps', '7'));
  project.provide('step7DropAssembly', join(root, 'drop', 'steps', '7'));
  return () => rm(root, { recursive: true, force: true });
}

async function synth(cwd: string, args: readonly string[]): Promise<void> {
  const io = captureIo(cwd);
  const code = await runCli(['synth', ...args], io);
  if (code !== 0) throw new Error(`moat synth ${args.join(' ')} exited ${code}: ${io.err()}`);
}
