import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig, findStep, type MoatConfig, synthesizeStep } from '@moat/infra';
import { type Assembly, loadAssembly } from '../../../src/assembly/index.js';

/** The steps of the guide as Moat's infra synthesizes them, with the embedded default config unless told. */
export interface SynthesizedSteps {
  readonly assemblies: ReadonlyMap<number, Assembly>;
  /** Removes the temporary cloud assemblies. */
  dispose(): void;
}

export function synthesizeSteps(
  stepIds: readonly number[],
  config: MoatConfig = defaultConfig,
): SynthesizedSteps {
  const root = mkdtempSync(join(tmpdir(), 'moat-mutations-'));
  const assemblies = new Map(
    stepIds.map((id) => {
      const step = findStep(id);
      if (step === undefined) throw new Error(`step ${id} is not in the infra catalog`);
      const outdir = join(root, `step-${id}`);
      synthesizeStep({ step, config, outdir, nag: false, validateTemplates: false });
      return [id, loadAssembly(outdir)] as const;
    }),
  );
  return { assemblies, dispose: () => rmSync(root, { recursive: true, force: true }) };
}
