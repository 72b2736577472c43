import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { deployToMoto, synthStep } from './deploy-step.js';
import { type MotoServer, startMoto } from './moto.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Steps 2, 3, 4, 5 and 6 with the embedded default config, each deployed into its own moto server. */
    deployed: Record<'2' | '3' | '4' | '5' | '6', { readonly assembly: string; readonly moto: string }>;
  }
}

/**
 * Synthesizes steps 2 and 3 (the service on an EC2 instance), 4, 5 and 6 in-process (as packages/cli/test/global-setup.ts does through `moat synth`)
 * and deploys each with moto's CloudFormation into a moto server of its own: the steps share stack names,
 * as they do in a real account, so they cannot share one. moto must be installed; its absence fails here.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'moat-confirm-test-'));
  const servers: MotoServer[] = [];
  const deployed: Record<string, { assembly: string; moto: string }> = {};
  try {
    for (const id of [2, 3, 4, 5, 6] as const) {
      const assembly = synthStep(id, join(root, String(id)));
      const moto = await startMoto();
      servers.push(moto);
      await deployToMoto(moto.endpoint, assembly);
      deployed[id] = { assembly, moto: moto.endpoint };
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    throw error;
  }
  project.provide(
    'deployed',
    deployed as Record<'2' | '3' | '4' | '5' | '6', { assembly: string; moto: string }>,
  );
  return async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await rm(root, { recursive: true, force: true });
  };
}
