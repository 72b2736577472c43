import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { instance, type Viz } from '@viz-js/viz';
import type { NetworkModel } from '../../model/types.js';
import { endpointNamer } from '../names.js';
import type { FlowResult, Trace } from '../types.js';
import { composeFile } from './compose.js';
import { legendDot, lineStyle, toDot, verdictOf } from './dot.js';
import { liftClusterLabels } from './labels.js';
import { type DiagramFlow, diagramFlows } from './paths.js';
import { readSkeletonLayout } from './routing.js';
import { buildScene } from './scene.js';
import { fontName } from './style.js';

export interface DiagramOptions {
  /** Above the drawing in the file, such as `Step 7 · network-firewall`. */
  readonly title?: string;
}

export interface PngOptions {
  /** Pixels per SVG point; 2 keeps 9-point labels sharp. */
  readonly scale?: number;
}

/** A flow as a legend shows it: what it is, its outcome, and how its line looks. */
export interface DrawnFlow {
  /** Unique in the diagram; its edges link to `#flow-<key>`. */
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly outcome: string;
  /** The outcome with what the step expected, in words; `mismatch` when they differ. */
  readonly verdict: string;
  readonly mismatch: boolean;
  readonly colour: string;
  readonly line: 'solid' | 'dashed' | 'dotted';
  /** False for a flow that stops before any drawn resource: it is only in the legend. */
  readonly drawn: boolean;
}

export interface Diagram {
  /** The title, the drawing and the legend under it: what a diagram file holds. */
  readonly svg: string;
  /** The drawing alone, for a page that shows the title and the legend itself. */
  readonly drawing: string;
  readonly flows: readonly DrawnFlow[];
  /** The structure lines the drawing has, for a legend: attachments to a transit gateway, RAM shares. */
  readonly lines: { readonly attachments: boolean; readonly shares: boolean };
}

// One WASM instance for the process: compiling Graphviz takes far longer than a layout.
let viz: Promise<Viz> | undefined;

const layout = async (dot: string, format: 'svg' | 'json0' = 'svg'): Promise<string> => {
  viz ??= instance();
  const result = (await viz).render(dot, { format, engine: 'dot' });
  if (result.status === 'failure') {
    // The DOT is generated here, so a failure is a bug in this module, not bad user input.
    throw new Error(
      `Graphviz could not lay out the diagram: ${result.errors.map((e) => e.message).join('; ')}`,
    );
  }
  return result.output;
};

const drawnFlow = (flow: DiagramFlow): DrawnFlow => {
  const { text, mismatch } = verdictOf(flow);
  return {
    key: flow.key,
    name: flow.name,
    description: flow.description,
    outcome: flow.outcome,
    verdict: text,
    mismatch,
    colour: flow.style.colour,
    line: lineStyle(flow, flow.blocked),
    drawn: flow.traces.some((trace) => trace.points.length > 1),
  };
};

/**
 * A step's diagram: the model's accounts, VPCs, AZs, subnets and resources, with each flow drawn from its
 * traces; as a file (titled, legend under the drawing) and as the drawing alone with its legend as data.
 */
export const renderDiagram = async (
  model: NetworkModel,
  flows: readonly FlowResult[] | readonly Trace[],
  options: DiagramOptions = {},
): Promise<Diagram> => {
  const scene = buildScene(model);
  const drawn = diagramFlows(scene, flows, endpointNamer(model));
  const title = options.title ?? 'Network diagram';
  const skeleton = readSkeletonLayout(await layout(toDot(scene, [], title), 'json0'));
  const [drawing, legend] = await Promise.all([
    layout(toDot(scene, drawn, title, skeleton)).then(liftClusterLabels),
    layout(legendDot(drawn, scene)),
  ]);
  return {
    svg: composeFile(title, drawing, legend),
    drawing,
    flows: drawn.map(drawnFlow),
    lines: { attachments: scene.attachments.length > 0, shares: scene.shares.length > 0 },
  };
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
