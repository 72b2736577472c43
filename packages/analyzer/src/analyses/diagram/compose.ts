import { fontName } from './style.js';
import { escapeHtml } from './text.js';

/** The size and content of an SVG that Graphviz wrote (`width="Wpt" height="Hpt" viewBox="..."`). */
interface Part {
  readonly width: number;
  readonly height: number;
  readonly body: string;
}

const partOf = (svg: string): Part => {
  const match = /<svg\b([^>]*)>([\s\S]*)<\/svg>/.exec(svg);
  const attributes = match?.[1] ?? '';
  const number = (name: string): number =>
    Number(new RegExp(`\\b${name}="([\\d.]+)pt"`).exec(attributes)?.[1]);
  const width = number('width');
  const height = number('height');
  const origin = /\bviewBox="0(?:\.0+)? 0(?:\.0+)? /.test(attributes);
  if (!match || !(width > 0) || !(height > 0) || !origin) {
    // Both parts come from Graphviz in this module: a shape it never writes is a bug here, not bad input.
    throw new Error('Graphviz wrote an SVG without a size, or with a viewBox that does not start at 0,0');
  }
  return { width, height, body: match[2] ?? '' };
};

const titleHeight = 30;
const gap = 6;

/** The file: the title over the drawing, the legend under it, each laid out on its own so none overlaps. */
export const composeFile = (title: string, drawingSvg: string, legendSvg: string): string => {
  const drawing = partOf(drawingSvg);
  const legend = partOf(legendSvg);
  const width = Math.max(drawing.width, legend.width);
  const height = titleHeight + drawing.height + gap + legend.height;
  // Graphviz's viewBox starts at 0,0 in points, as the file's does: a translation places a part. (A nested
  // <svg> would do the same but makes the PNG renderer clip each part on a layer of its own: twice the time.)
  const placed = (part: Part, x: number, y: number): string =>
    `<g class="part" transform="translate(${x} ${y})">${part.body}</g>`;
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
    `<svg width="${width}pt" height="${height}pt" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="${titleHeight - 9}" text-anchor="middle" font-family="${fontName}" font-size="16" font-weight="bold" fill="#222222">${escapeHtml(title)}</text>`,
    placed(drawing, (width - drawing.width) / 2, titleHeight),
    placed(legend, 0, titleHeight + drawing.height + gap),
    '</svg>',
    '',
  ].join('\n');
};
