import { basename, dirname, extname } from 'node:path';
import { type Diagram, type FlowResult, type NetworkModel, renderDiagram, svgToPng } from '@moat/analyzer';
import { findStep } from '@moat/infra';
import { UsageError } from './command.js';
import { writeOutputFile } from './output-files.js';

export type DiagramFormat = 'svg' | 'png';

/** The format a diagram file's extension asks for; anything else is a usage error. */
export function diagramFormatOf(path: string): DiagramFormat {
  const extension = extname(path).toLowerCase();
  if (extension === '.svg') return 'svg';
  if (extension === '.png') return 'png';
  throw new UsageError(`--out must end in .svg or .png, received "${path}"`);
}

/** A step's name, as the report and its diagram are titled: `Step 9 · waf`. */
export function stepTitle(step: { readonly id: number; readonly slug: string }): string {
  return `Step ${step.id} · ${step.slug}`;
}

/**
 * The title of an assembly's diagram: the step's name when the folder is where `moat synth` and `moat plan`
 * put a step (`out/steps/9`), else the folder as the user named it.
 */
export function assemblyTitle(assembly: string): string {
  const folder = basename(assembly.replace(/[\\/]+$/, ''));
  const step = basename(dirname(assembly.replace(/[\\/]+$/, ''))) === 'steps' ? findStep(folder) : undefined;
  return step !== undefined && String(step.id) === folder ? stepTitle(step) : assembly;
}

/** Renders the diagram once and writes it in each requested format; returns it for the report. */
export async function writeDiagram(
  model: NetworkModel,
  flows: readonly FlowResult[],
  files: readonly string[],
  title: string,
): Promise<Diagram> {
  const diagram = await renderDiagram(model, flows, { title });
  for (const file of files) {
    writeOutputFile(file, diagramFormatOf(file) === 'svg' ? diagram.svg : svgToPng(diagram.svg), '--out');
  }
  return diagram;
}
