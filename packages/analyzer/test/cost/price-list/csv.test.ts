import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv } from '../../../src/analyses/cost/price-list/csv.js';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and CRLF line ends', () => {
    expect(parseCsv('"a","b, c","say ""hi"""\r\n"multi\nline",plain,\n')).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['multi\nline', 'plain', ''],
    ]);
  });

  it('reads back what formatCsv wrote', () => {
    const rows = [
      ['key', 'note'],
      ['natGatewayHour', 'a "quoted", listed value'],
    ];
    expect(parseCsv(formatCsv(rows))).toEqual(rows);
  });
});
