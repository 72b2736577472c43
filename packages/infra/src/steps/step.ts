import type { App, Stack } from 'aws-cdk-lib';
import type { MoatConfig } from '../config/schema.js';
import { defineMoat } from '../stacks/define-moat.js';
import type { StepDesign } from '../stacks/step-design.js';

/** A step of the guide: data plus the function that defines its stacks in an app. */
export interface Step {
  readonly id: number;
  readonly slug: string;
  readonly summary: string;
  define(app: App, config: MoatConfig): readonly Stack[];
}

/** A step that deploys something: its design, which the next step changes. */
export interface DesignedStep extends Step {
  readonly design: StepDesign;
}

type StepMeta = Pick<Step, 'id' | 'slug' | 'summary'>;

/** The first AWS step: everything it builds is stated in full. */
export function firstDesignedStep(meta: StepMeta, design: StepDesign): DesignedStep {
  return { ...meta, design, define: (app, config) => defineMoat(app, config, design) };
}

/** A step stated as what it changes in the step before it, which is how the guide tells it. */
export function nextStep(previous: DesignedStep, meta: StepMeta, changes: Partial<StepDesign>): DesignedStep {
  return firstDesignedStep(meta, { ...previous.design, ...changes });
}
