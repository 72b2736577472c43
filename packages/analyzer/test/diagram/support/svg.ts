/**
 * Just enough SVG reading for the diagram tests: Graphviz writes one `<g class="edge|node">` per element with
 * a `<title>` naming it, and escapes `-` in ids and classes as `&#45;`.
 */

export const decode = (text: string): string =>
  text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

export interface SvgGroup {
  readonly id: string;
  readonly classes: readonly string[];
  readonly title: string;
  readonly texts: readonly string[];
}

/** Every node and edge group, with its decoded id, classes, title and texts. */
export const groups = (svg: string): SvgGroup[] =>
  [
    ...svg.matchAll(
      /<g id="([^"]*)" class="([^"]*)">\s*<title>([^<]*)<\/title>([\s\S]*?)(?=<g id="[^"]*" class="|<\/svg>)/g,
    ),
  ].map(([, id = '', classes = '', title = '', body = '']) => ({
    id: decode(id),
    classes: decode(classes).split(' '),
    title: decode(title),
    texts: [...body.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, text = '']) => decode(text)),
  }));

export const edgesOfFlow = (svg: string, key: string): SvgGroup[] =>
  groups(svg).filter((g) => g.classes.includes('edge') && g.classes.includes(`flow-${key}`));

/** The x coordinate of every text element equal to `text`, in document order. */
export const textXs = (svg: string, text: string): number[] =>
  [...svg.matchAll(/<text[^>]* x="([-\d.]+)"[^>]*>([^<]*)<\/text>/g)]
    .filter(([, , content = '']) => decode(content) === text)
    .map(([, x = '']) => Number(x));

export const allTexts = (svg: string): string[] =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, text = '']) => decode(text));
