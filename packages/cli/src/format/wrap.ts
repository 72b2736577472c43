/** Breaks a long sentence at spaces into lines of at most `width` characters, later lines indented. */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (candidate.length <= width || line === '' || line.trim() === '') {
      line = candidate;
      continue;
    }
    lines.push(line);
    line = `${indent}${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
