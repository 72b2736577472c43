export {
  type Diagram,
  type DiagramOptions,
  type DrawnFlow,
  type PngOptions,
  renderDiagram,
  svgToPng,
} from './render.js';
