import type { Assembly } from '@moat/analyzer';
import { STEP_METADATA_KEY } from '@moat/infra';

/**
 * The Moat step an assembly was synthesized for, from the template metadata `moat synth` writes
 * (`MoatStep: { step, slug }`), when every stack names the same one; undefined for anyone else's assembly.
 */
export function moatStepOf(assembly: Assembly): number | undefined {
  const ids = new Set(
    assembly.stacks.map((stack) => {
      const marker = stack.template.Metadata?.[STEP_METADATA_KEY];
      const step =
        typeof marker === 'object' && marker !== null && 'step' in marker ? marker.step : undefined;
      return typeof step === 'number' ? step : undefined;
    }),
  );
  const [only] = ids;
  return ids.size === 1 ? only : undefined;
}
