import { join } from 'node:path';

/** Where `moat synth` and `moat plan` put things under their `--out` folder. */
export const DEFAULT_OUT_DIR = 'out';

export const stepAssemblyDir = (outDir: string, stepId: number): string =>
  join(outDir, 'steps', String(stepId));

export const stepDiagramFiles = (outDir: string, stepId: number): readonly string[] => [
  join(outDir, 'diagrams', `step-${stepId}.svg`),
  join(outDir, 'diagrams', `step-${stepId}.png`),
];

export const reportFile = (outDir: string): string => join(outDir, 'report.html');
