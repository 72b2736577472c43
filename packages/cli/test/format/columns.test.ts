import { expect, it } from 'vitest';
import { formatColumns } from '../../src/format/columns.js';

it('aligns cells into columns, right-aligning the ones asked for and never padding the last', () => {
  const text = formatColumns(
    [
      ['2', 'public-ec2', '$10.00'],
      ['10', 'split-accounts', '$1,000.00'],
    ],
    { align: ['right', 'left', 'right'] },
  );
  expect(text).toBe('   2  public-ec2         $10.00\n  10  split-accounts  $1,000.00');
});
