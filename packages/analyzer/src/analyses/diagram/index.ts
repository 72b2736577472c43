export { type DiagramOptions, type PngOptions, renderDiagram, svgToPng } from './render.js';
