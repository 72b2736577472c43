import { describe, expect, it } from 'vitest';
import { BatchedLineWriter } from '../src/log-writer.js';

describe('BatchedLineWriter', () => {
  it('writes the lines of one event-loop turn in one write, in order', async () => {
    const writes: string[] = [];
    const writer = new BatchedLineWriter({ write: (text) => writes.push(text) });
    writer.write('a\n');
    writer.write('b\n');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    writer.write('c\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });

  it('writes pending lines at once on flush, and nothing when none are pending', () => {
    const writes: string[] = [];
    const writer = new BatchedLineWriter({ write: (text) => writes.push(text) });
    writer.flush();
    writer.write('last words\n');
    writer.flush();
    expect(writes).toEqual(['last words\n']);
  });
});
