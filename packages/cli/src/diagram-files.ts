import { extname } from 'node:path';
import { type FlowResult, type NetworkModel, renderDiagram, svgToPng } from '@moat/analyzer';
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

/** Renders the diagram once and writes it in each requested format; returns the SVG for inlining. */
export async function writeDiagram(
  model: NetworkModel,
  flows: readonly FlowResult[],
  files: readonly string[],
  title: string,
): Promise<string> {
  const svg = await renderDiagram(model, flows, { title });
  for (const file of files) {
    writeOutputFile(file, diagramFormatOf(file) === 'svg' ? svg : svgToPng(svg), '--out');
  }
  return svg;
}
