import { join } from 'node:path';
import type { MoatConfig } from './config/schema.js';
import { steps } from './steps/catalog.js';
import { type SynthesizedStep, synthesizeStep } from './synthesize.js';

export interface SynthesizedStepTiming extends SynthesizedStep {
  readonly stepId: number;
  readonly slug: string;
  readonly milliseconds: number;
}

/**
 * Synthesizes every step that has stacks (2–10) in this process, one assembly per step under
 * `<outdir>/<id>/`. A fresh App per step: CDK allows one synthesis per App, and steps share stack IDs.
 */
export function synthesizeAllSteps(options: {
  readonly config: MoatConfig;
  readonly outdir: string;
  readonly nag?: boolean;
}): SynthesizedStepTiming[] {
  return steps
    .filter((step) => step.id > 1)
    .map((step) => {
      const started = performance.now();
      const result = synthesizeStep({
        step,
        config: options.config,
        outdir: join(options.outdir, String(step.id)),
        nag: options.nag ?? true,
      });
      return { ...result, stepId: step.id, slug: step.slug, milliseconds: performance.now() - started };
    });
}
