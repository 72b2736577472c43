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
  readonly markup: string;
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
    markup: body,
  }));

export const edgesOfFlow = (svg: string, key: string): SvgGroup[] =>
  groups(svg).filter((g) => g.classes.includes('edge') && g.classes.includes(`flow-${key}`));

/** The x coordinate of every text element equal to `text`, in document order. */
export const textXs = (svg: string, text: string): number[] =>
  [...svg.matchAll(/<text[^>]* x="([-\d.]+)"[^>]*>([^<]*)<\/text>/g)]
    .filter(([, , content = '']) => decode(content) === text)
    .map(([, x = '']) => Number(x));

/** Every text, trimmed: Graphviz writes the parts of an HTML label as texts of their own (` 10.0.0.0/16`). */
export const allTexts = (svg: string): string[] =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, text = '']) => decode(text).trim());

interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

const numbersOf = (text: string): number[] => [...text.matchAll(/-?[\d.]+/g)].map(([n]) => Number(n));

const boxOf = (coordinates: readonly number[]): Box => {
  const xs = coordinates.filter((_, i) => i % 2 === 0);
  const ys = coordinates.filter((_, i) => i % 2 === 1);
  return { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
};

const inside = (box: Box, [x, y]: readonly [number, number], margin = 0): boolean =>
  x > box.left + margin && x < box.right - margin && y > box.top + margin && y < box.bottom - margin;

/** Points along a Graphviz edge path (`M x,y C x,y x,y x,y ...`), 20 per cubic segment. */
const pathPoints = (d: string): [number, number][] => {
  const n = numbersOf(d);
  const at = (i: number): [number, number] => [n[2 * i] ?? 0, n[2 * i + 1] ?? 0];
  const points: [number, number][] = [];
  for (let i = 0; 2 * (i + 3) < n.length; i += 3) {
    const [p0, p1, p2, p3] = [at(i), at(i + 1), at(i + 2), at(i + 3)];
    for (let k = 0; k <= 20; k++) {
      const t = k / 20;
      const u = 1 - t;
      const mix = (j: 0 | 1) =>
        u * u * u * p0[j] + 3 * u * u * t * p1[j] + 3 * u * t * t * p2[j] + t * t * t * p3[j];
      points.push([mix(0), mix(1)]);
    }
  }
  return points;
};

/** The box of each cluster by its DOT name (`cluster_vpc3_az0`). */
export const clusterBoxes = (svg: string): Map<string, Box> =>
  new Map(
    [
      ...svg.matchAll(/<g id="[^"]*" class="cluster">\s*<title>([^<]*)<\/title>\s*<path[^>]* d="([^"]+)"/g),
    ].map(([, name = '', d = '']) => [name, boxOf(numbersOf(d))]),
  );

/**
 * Flow edges that run through an AZ column other than those of their ends: the lines a reader would follow into
 * the wrong AZ. Each is `tail->head` as Graphviz titles it.
 */
export const edgesThroughOtherColumns = (svg: string): string[] => {
  const columns = [...clusterBoxes(svg)].filter(([name]) => /_az\d+$/.test(name));
  const nodeCentres = new Map(
    // Within the node's own group: an unseen node has no polygon, and must not take the next node's.
    [
      ...svg.matchAll(
        /<g id="[^"]*" class="node">\s*<title>([^<]*)<\/title>(?:(?!<g id="[^"]*" class=")[\s\S])*?points="([^"]+)"/g,
      ),
    ].map(([, name = '', points = '']) => {
      const box = boxOf(numbersOf(points));
      return [name, [(box.left + box.right) / 2, (box.top + box.bottom) / 2] as [number, number]];
    }),
  );
  const columnOf = (node: string): string | undefined => {
    const centre = nodeCentres.get(node);
    return centre && columns.find(([, box]) => inside(box, centre))?.[0];
  };
  return [
    ...svg.matchAll(
      /<g id="[^"]*" class="edge flow[^"]*">\s*<title>([^<]*)<\/title>[\s\S]*?<path[^>]* d="([^"]+)"/g,
    ),
  ]
    .filter(([, title = '', d = '']) => {
      // An end may name a port of its node (`tgw1:w`).
      const ends = new Set(
        decode(title)
          .split('->')
          .map((end) => columnOf(end.split(':')[0] ?? end)),
      );
      return pathPoints(d).some((point) =>
        columns.some(([name, box]) => !ends.has(name) && inside(box, point, 4)),
      );
    })
    .map(([, title = '']) => decode(title));
};
