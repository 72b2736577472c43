import { UserInputError } from '../user-input-error.js';
import { findStep, steps } from './catalog.js';
import type { Step } from './step.js';

/** How to choose a step, for every message about a wrong one. */
function choices(): string {
  return steps
    .filter((step) => step.id > 1)
    .map((step) => `${step.id} (${step.slug})`)
    .join(', ');
}

/**
 * The step that `-c step=N|slug` names, as a step with stacks. Rejects a missing or unknown value and
 * step 1, which runs on a laptop, with a message naming what was received and what to pass instead.
 */
export function deployableStep(value: unknown): Step {
  if (value === undefined || value === '') {
    throw new UserInputError(
      `No step given. Pass one with -c step=N, for example: npx cdk synth -c step=7. Steps: ${choices()}.`,
    );
  }
  const step = typeof value === 'string' || typeof value === 'number' ? findStep(value) : undefined;
  if (step === undefined) {
    throw new UserInputError(
      `Unknown step ${JSON.stringify(value)}. Use an id from 2 to 10 or a slug: ${choices()}.`,
    );
  }
  if (step.id === 1) {
    throw new UserInputError(
      'Step 1 (local-container) has no AWS stacks: run the image locally with docker run -p 80:8080 <image>. Steps with stacks: ' +
        `${choices()}.`,
    );
  }
  return step;
}
