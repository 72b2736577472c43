import type { AnyCommand } from '../command.js';

export interface CommandEntry {
  readonly name: string;
  readonly description: string;
  /**
   * Loaded only when the command runs: `moat verify` never pays for importing aws-cdk-lib, and
   * `moat --help` loads nothing.
   */
  load(): Promise<AnyCommand>;
}

/** In the order `moat --help` lists them: the main job first, then the pieces it is made of. */
export const commands: readonly CommandEntry[] = [
  {
    name: 'plan',
    description: 'Synthesize, verify, price and draw every step; write the HTML report and print a summary',
    load: async () => (await import('./plan.js')).planCommand,
  },
  {
    name: 'compare',
    description:
      'Put designs (config files) side by side at one step: flows, findings, AZ losses survived and monthly cost',
    load: async () => (await import('./compare.js')).compareCommand,
  },
  {
    name: 'steps',
    description: 'List the steps of the guide, with what each adds',
    load: async () => (await import('./steps.js')).stepsCommand,
  },
  {
    name: 'synth',
    description: 'Synthesize the cloud assembly of one step, or of every step',
    load: async () => (await import('./synth.js')).synthCommand,
  },
  {
    name: 'verify',
    description: 'Check every standard flow and invariant of a synthesized assembly',
    load: async () => (await import('./verify.js')).verifyCommand,
  },
  {
    name: 'trace',
    description: 'Trace one flow hop by hop: routes, rules and targets, and the return path',
    load: async () => (await import('./trace.js')).traceCommand,
  },
  {
    name: 'cost',
    description: 'Estimate the monthly cost of what the templates contain, line by line',
    load: async () => (await import('./cost.js')).costCommand,
  },
  {
    name: 'confirm',
    description:
      'After a deploy, check the live network against the offline proof: Reachability Analyzer and live probes',
    load: async () => (await import('./confirm.js')).confirmCommand,
  },
  {
    name: 'diagram',
    description: 'Draw the network with the traced flows on it, as SVG or PNG',
    load: async () => (await import('./diagram.js')).diagramCommand,
  },
];
