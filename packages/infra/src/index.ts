export * from './config/index.js';
export { STACK_ID } from './stacks/define-moat.js';
export type { StepDesign } from './stacks/step-design.js';
export { findStep, steps } from './steps/catalog.js';
export type { Step } from './steps/step.js';
export {
  appContext,
  STEP_METADATA_KEY,
  type SynthesizedStep,
  type SynthesizeStepOptions,
  synthesizeStep,
} from './synthesize.js';
export { type SynthesizedStepTiming, synthesizeAllSteps } from './synthesize-all.js';
export { UserInputError } from './user-input-error.js';
