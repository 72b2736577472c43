export interface ColumnOptions {
  readonly indent?: string;
  /** Per column; numbers read best right-aligned. Missing entries are left-aligned. */
  readonly align?: readonly ('left' | 'right')[];
}

/** Aligns rows of cells into columns separated by two spaces; the last column is never padded. */
export function formatColumns(rows: readonly (readonly string[])[], options: ColumnOptions = {}): string {
  const { indent = '  ', align = [] } = options;
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) => {
      const cells = row.map((cell, index) => {
        const width = widths[index] ?? 0;
        if (align[index] === 'right') return cell.padStart(width);
        return index === row.length - 1 ? cell : cell.padEnd(width);
      });
      return `${indent}${cells.join('  ')}`.trimEnd();
    })
    .join('\n');
}
