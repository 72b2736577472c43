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
    /** Step 7 with the guide's IP rules (a PASS and a DROP to DNS resolvers on UDP 53), and that config. */
    step7IpRulesAssembly: string;
    ipRulesConfig: string;
    /** A config file that sets nothing: the embedded default's values, the service's routes among them. */
    defaultConfig: string;
    /** Step 8 (API Gateway) synthesized with the embedded default config. */
    step8Assembly: string;
    /** Step 10 (split accounts) synthesized with the embedded default config. */
    step10Assembly: string;
  }
}

/** The config of the guide's step-7 experiment: the Binance rule turned from PASS to DROP. */
const DROP_BINANCE_CONFIG = `egress:
  domains:
    - domain: api.binance.com
      port: 443
      action: DROP
`;

/** The guide's step-7 IP rule test: a resolver the firewall passes and one it drops, both on UDP 53. */
const IP_RULES_CONFIG = `egress:
  ipRules:
    - { destination: 1.1.1.1/32, port: 53, protocol: UDP, action: PASS }
    - { destination: 8.8.8.8/32, port: 53, protocol: UDP, action: DROP }
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
  const ipRulesConfig = join(root, 'ip-rules.yaml');
  await writeFile(ipRulesConfig, IP_RULES_CONFIG);
  await synth(root, ['--step', '7', '--config', ipRulesConfig, '--out', join(root, 'ip-rules')]);
  await synth(root, ['--step', '8', '--out', join(root, 'default')]);
  await synth(root, ['--step', '10', '--out', join(root, 'default')]);
  project.provide('step7Assembly', join(root, 'default', 'steps', '7'));
  project.provide('step7DropAssembly', join(root, 'drop', 'steps', '7'));
  project.provide('step7IpRulesAssembly', join(root, 'ip-rules', 'steps', '7'));
  project.provide('ipRulesConfig', ipRulesConfig);
  const defaultConfig = join(root, 'default.yaml');
  await writeFile(defaultConfig, '{}\n');
  project.provide('defaultConfig', defaultConfig);
  project.provide('step8Assembly', join(root, 'default', 'steps', '8'));
  project.provide('step10Assembly', join(root, 'default', 'steps', '10'));
  return () => rm(root, { recursive: true, force: true });
}

async function synth(cwd: string, args: readonly string[]): Promise<void> {
  const io = captureIo(cwd);
  const code = await runCli(['synth', ...args], io);
  if (code !== 0) throw new Error(`moat synth ${args.join(' ')} exited ${code}: ${io.err()}`);
}
