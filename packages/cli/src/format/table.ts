/**
 * A text table whose width can be capped: cells marked `spill` (a group's name, a total's label) may run
 * into their empty neighbours instead of widening their column, and one column gives way when the table
 * is too wide, its long cells keeping their end (`…/EgressVpc/PublicSubnet1/NATGateway`).
 */
export interface Cell {
  readonly text: string;
  /** May use the empty cells beside it: to the right when left-aligned, to the left when right-aligned. */
  readonly spill?: boolean;
}

export interface TableOptions {
  readonly align: readonly ('left' | 'right')[];
  /** The most columns a line may take. */
  readonly width?: number;
  /** The column that narrows when the table is wider than `width`. */
  readonly shrinkColumn?: number;
}

type Row = readonly Cell[];

const GAP = '  ';
/** A narrowed column keeps at least this many characters. */
const MIN_SHRUNK_WIDTH = 24;

export function renderTable(rows: readonly Row[], options: TableOptions): string {
  const widths = columnWidths(rows, options.align);
  const { width, shrinkColumn } = options;
  if (width !== undefined && shrinkColumn !== undefined) {
    const current = widths[shrinkColumn] ?? 0;
    const excess = spanWidth(widths, 0, widths.length - 1) - width;
    widths[shrinkColumn] = Math.max(MIN_SHRUNK_WIDTH, current - Math.max(0, excess));
  }
  return rows.map((row) => renderRow(row, widths, options.align)).join('\n');
}

/** Each column as wide as its widest cell; a spilling cell widens its own column only by what its span lacks. */
function columnWidths(rows: readonly Row[], align: TableOptions['align']): number[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, cell.spill === true ? 0 : cell.text.length);
    });
  }
  for (const row of rows) {
    row.forEach((cell, column) => {
      if (cell.spill !== true) return;
      const [first, last] = span(row, column, align);
      const lacking = cell.text.length - spanWidth(widths, first, last);
      if (lacking > 0) widths[column] = (widths[column] ?? 0) + lacking;
    });
  }
  return widths;
}

/** The columns a cell may use: itself, and for a spilling cell its empty neighbours on the open side. */
function span(row: Row, column: number, align: TableOptions['align']): [number, number] {
  let first = column;
  let last = column;
  if (row[column]?.spill !== true) return [first, last];
  if (align[column] === 'right') {
    while (first > 0 && row[first - 1]?.text === '') first--;
  } else {
    while (last + 1 < row.length && row[last + 1]?.text === '') last++;
  }
  return [first, last];
}

function spanWidth(widths: readonly number[], first: number, last: number): number {
  return widths.slice(first, last + 1).reduce((sum, width) => sum + width, 0) + GAP.length * (last - first);
}

function renderRow(row: Row, widths: readonly number[], align: TableOptions['align']): string {
  const parts: string[] = [];
  let column = 0;
  while (column < row.length) {
    const [first, last] = span(row, column, align);
    // A right-aligned spill takes back the blank cells already laid out on its left.
    parts.splice(parts.length - (column - first), column - first);
    const available = spanWidth(widths, first, last);
    const text = fit(row[column]?.text ?? '', available);
    parts.push(align[column] === 'right' ? text.padStart(available) : text.padEnd(available));
    column = last + 1;
  }
  return parts.join(GAP).trimEnd();
}

/** Too long a text keeps its end, which names the thing most precisely. */
function fit(text: string, width: number): string {
  return text.length <= width ? text : `…${text.slice(text.length - width + 1)}`;
}
