import type { AnalyzedStep } from '../plan/run-plan.js';
import { type Html, html, trusted } from './html.js';

/**
 * A step's diagram in the report: the drawing inline at its own size (9-point labels are 12 px), in a viewport
 * that scrolls, pans and zooms, with links to the files (title, drawing and legend) at full size. Without the
 * script the viewport still scrolls; with it, the toolbar zooms and fits and the drawing pans by dragging.
 */
export function diagramFigure(result: AnalyzedStep, fileHrefs: readonly string[]): Html {
  const { step } = result;
  const scope = `step-${step.id}`;
  return html`<figure class="diagram" id="${scope}-diagram">
    <div class="diagram-tools" role="group" aria-label="Zoom the diagram of step ${step.id}" hidden>
      <button type="button" data-zoom="out" aria-label="Zoom out">−</button>
      <button type="button" data-zoom="in" aria-label="Zoom in">+</button>
      <button type="button" data-zoom="fit">Fit</button>
      <button type="button" data-zoom="actual">Actual size</button>
      <output class="zoom-level" aria-live="polite">100%</output>
    </div>
    <div class="diagram-viewport" id="${scope}-viewport" tabindex="0" role="group" aria-label="Step ${step.id} diagram: scroll or drag to move around, + and − to zoom, F to fit">
      ${inlineSvg(result.diagram.drawing, scope)}
    </div>
    <figcaption>Step ${step.id}: the network with the traced flows drawn on it; click a line to see its hops. Full size, with the legend: ${fileHrefs.map(
      (href, index) =>
        html`${index === 0 ? '' : ' · '}<a href="${href}">${href.endsWith('.png') ? 'PNG' : 'SVG'}</a>`,
    )}</figcaption>
  </figure>`;
}

/**
 * The analyzer's drawing inlined: without its XML prolog, and with its element ids and the links of its flow
 * edges prefixed, because every step's SVG uses the same Graphviz ids (`graph0`, `node1`...) and flow keys,
 * and ids must be unique in a page. A flow edge then links to its flow in this step (`#step-7-flow-ingress`).
 */
export function inlineSvg(svg: string, scope: string): Html {
  const start = svg.indexOf('<svg');
  const body = start === -1 ? svg : svg.slice(start);
  return trusted(
    body
      .replace(/\bid="([^"]+)"/g, `id="${scope}-$1"`)
      .replace(/url\(#([^)]+)\)/g, `url(#${scope}-$1)`)
      .replace(/href="#([^"]+)"/g, `href="#${scope}-$1"`),
  );
}
