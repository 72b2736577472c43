import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { instance, type Viz } from '@viz-js/viz';
import type { NetworkModel } from '../../model/types.js';
import type { FlowResult, Trace } from '../types.js';
import { toDot } from './dot.js';
import { diagramFlows } from './paths.js';
import { buildScene } from './scene.js';
import { fontName } from './style.js';

export interface DiagramOptions {
  /** Printed above the diagram, such as `Step 7: network-firewall`. */
  readonly title?: string;
}

export interface PngOptions {
  /** Pixels per SVG point; 2 keeps 9-point labels sharp. */
  readonly scale?: number;
}

// One WASM instance for the process: compiling Graphviz takes far longer than a layout.
let viz: Promise<Viz> | undefined;

/** The SVG of a step: the model's accounts, VPCs, AZs, subnets and resources, with each flow drawn from its traces. */
export const renderDiagram = async (
  model: NetworkModel,
  flows: readonly FlowResult[] | readonly Trace[],
  options: DiagramOptions = {},
): Promise<string> => {
  const scene = buildScene(model);
  const dot = toDot(scene, diagramFlows(scene, flows), options.title ?? 'Network diagram');
  viz ??= instance();
  const result = (await viz).render(dot, { format: 'svg', engine: 'dot' });
  if (result.status === 'failure') {
    // The DOT is generated here, so a failure is a bug in this module, not bad user input.
    throw new Error(
      `Graphviz could not lay out the diagram: ${result.errors.map((e) => e.message).join('; ')}`,
    );
  }
  return result.output;
};

/**
 * Graphviz sizes labels with its built-in DejaVu Sans metrics, so the PNG is drawn with that very font, loaded
 * from the `dejavu-fonts-ttf` package rather than the system: text fits its boxes on any machine.
 */
const fontFiles = (): string[] => {
  const fonts = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) => join(fonts, file));
};

export const svgToPng = (svg: string, options: PngOptions = {}): Buffer => {
  const scale = options.scale ?? 2;
  if (!(scale > 0 && scale <= 8)) {
    throw new RangeError(
      `PNG scale must be a number in (0, 8]; received ${scale}. Use 1 for the SVG's own size.`,
    );
  }
  const png = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      loadSystemFonts: false,
      fontFiles: fontFiles(),
      defaultFontFamily: fontName,
      sansSerifFamily: fontName,
    },
  });
  return png.render().asPng();
};
