/**
 * RFC 4180 CSV, as the AWS Price List bulk files are written (every field quoted, `""` for a quote,
 * commas and line breaks allowed inside quotes): rows of fields, nothing else.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Quotes every field, as the bulk files do, so a saved extract reads like its source. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows
    .map((row) => row.map((field) => `"${field.replaceAll('"', '""')}"`).join(','))
    .join('\n')
    .concat('\n');
}
