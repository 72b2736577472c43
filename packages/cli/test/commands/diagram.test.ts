import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../src/main.js';
import { captureIo } from '../capture-io.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'moat-diagram-test-'));
});

async function diagram(...argv: string[]) {
  const io = captureIo(dir);
  const code = await runCli(['diagram', '--assembly', inject('step7Assembly'), ...argv], io);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('moat diagram', () => {
  it('writes the SVG of step 7 with its flows drawn, and says where', async () => {
    const { code, stdout } = await diagram('--out', 'step-7.svg');
    expect(code).toBe(0);
    const svg = await readFile(join(dir, 'step-7.svg'), 'utf8');
    expect(stdout).toBe(`wrote ${join(dir, 'step-7.svg')} (svg, ${Buffer.byteLength(svg)} bytes)\n`);
    expect(svg).toContain('<svg');
    expect(svg).toContain('api.binance.com');
    // The global setup synthesized it where `moat synth` puts step 7: the picture is titled with the step.
    expect(svg).toContain('>Step 7 · network-firewall</text>');
  });

  it('writes a PNG and prints one JSON document with --json', async () => {
    const { code, stdout } = await diagram('--out', 'nested/step-7.png', '--json');
    expect(code).toBe(0);
    const png = await readFile(join(dir, 'nested', 'step-7.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(JSON.parse(stdout)).toEqual({
      schema: 'diagram',
      schemaVersion: 1,
      moatVersion: expect.stringMatching(/^\d+\.\d+\.\d+/),
      out: join(dir, 'nested', 'step-7.png'),
      format: 'png',
      bytes: png.length,
    });
  });

  it('rejects an output file that is neither .svg nor .png, with exit 2 before any work', async () => {
    expect(await diagram('--out', 'step-7.jpg')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'moat diagram: --out must end in .svg or .png, received "step-7.jpg"\n',
    });
  });
});
