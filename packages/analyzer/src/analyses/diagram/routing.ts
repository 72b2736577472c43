/**
 * How each flow edge is written so that Graphviz draws it inside the AZ columns of its ends. The drawing is first
 * laid out without its flows (flows never move a box); where that put each node and each AZ column decides how
 * every flow edge is written.
 */

/** A node's centre, in Graphviz points (y grows upwards). */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** An AZ column's box. */
export interface Span {
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  readonly top: number;
}

export interface SkeletonLayout {
  readonly nodes: ReadonlyMap<string, Point>;
  readonly columns: readonly Span[];
}

export const noLayout: SkeletonLayout = { nodes: new Map(), columns: [] };

interface GraphvizJson {
  readonly objects?: readonly { readonly name: string; readonly pos?: string; readonly bb?: string }[];
}

const numbers = (text: string | undefined): number[] =>
  (text ?? '').split(',').map(Number).filter(Number.isFinite);

/** Reads Graphviz's `json0` output: node centres (`pos`), and the boxes (`bb`) of the AZ column clusters. */
export const readSkeletonLayout = (json: string): SkeletonLayout => {
  const graph = JSON.parse(json) as GraphvizJson;
  const nodes = new Map<string, Point>();
  const columns: Span[] = [];
  for (const object of graph.objects ?? []) {
    const [x, y] = numbers(object.pos);
    if (x !== undefined && y !== undefined) nodes.set(object.name, { x, y });
    const [left, bottom, right, top] = numbers(object.bb);
    if (
      /_az\d+$/.test(object.name) &&
      left !== undefined &&
      bottom !== undefined &&
      right !== undefined &&
      top !== undefined
    )
      columns.push({ left, bottom, right, top });
  }
  return { nodes, columns };
};

const columnOf = (point: Point, layout: SkeletonLayout): Span | undefined =>
  layout.columns.find((c) => point.x > c.left && point.x < c.right && point.y > c.bottom && point.y < c.top);

export interface EdgeRouting {
  readonly from: string;
  readonly to: string;
  /** The traffic goes from `to` to `from`: the edge is drawn `dir=back`. */
  readonly reversed: boolean;
  /** Both ends on one rank. */
  readonly flat: boolean;
  readonly ports: Readonly<Record<string, string>>;
}

/** How close (in points) a gateway must be to a column's top or bottom to be its neighbour. */
const neighbourDistance = 60;

/**
 * A node just outside the columns (an internet or transit gateway, a gateway endpoint) that is not right above or
 * below the column of the other end gets the line on its side facing that column: the line runs beside the
 * columns, not through the one in between. A node farther away leaves the route to Graphviz.
 */
const sidePort = (box: Point, other: Point, layout: SkeletonLayout): string | undefined => {
  if (columnOf(box, layout) !== undefined) return undefined;
  const column = columnOf(other, layout);
  if (column === undefined || (box.x >= column.left && box.x <= column.right)) return undefined;
  const gap = Math.min(Math.abs(box.y - column.top), Math.abs(box.y - column.bottom));
  if (gap > neighbourDistance) return undefined;
  return box.x > column.right ? 'w' : 'e';
};

/**
 * From the upper node to the lower one, or from left to right within a row, with `dir=back` when the traffic
 * goes the other way. Graphviz routes an edge that runs against its ranks as a loop around the boxes beside it (a
 * line from AZ a crossed AZ b), and one against a row's order as a loop over the row.
 */
export const edgeRouting = (tail: string, head: string, layout: SkeletonLayout): EdgeRouting => {
  const a = layout.nodes.get(tail);
  const b = layout.nodes.get(head);
  if (a === undefined || b === undefined)
    return { from: tail, to: head, reversed: false, flat: true, ports: {} };
  const flat = Math.abs(a.y - b.y) < 1;
  const reversed = flat ? a.x > b.x : a.y < b.y;
  const [upper, lower] = reversed ? [b, a] : [a, b];
  const tailport = flat ? undefined : sidePort(upper, lower, layout);
  const headport = flat ? undefined : sidePort(lower, upper, layout);
  return {
    from: reversed ? head : tail,
    to: reversed ? tail : head,
    reversed,
    flat,
    ports: { ...(tailport ? { tailport } : {}), ...(headport ? { headport } : {}) },
  };
};
