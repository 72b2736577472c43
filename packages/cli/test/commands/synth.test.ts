import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main.js';
import { captureIo } from '../capture-io.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'moat-synth-test-'));
});

describe('moat synth', () => {
  it('writes the assembly of step 4 under --out/steps/4 and names its stacks, with progress only on a terminal', async () => {
    const io = { ...captureIo(dir), isTTY: true };
    const piped = captureIo(dir);
    expect(await runCli(['synth', '--step', 'ecs-fargate', '--out', 'tty'], io)).toBe(0);
    expect(await runCli(['synth', '--step', '4', '--out', 'piped'], piped)).toBe(0);
    expect(io.err()).toBe('moat: config embedded default\nsynthesizing step 4 ecs-fargate…\n');
    expect(piped.err()).toBe('moat: config embedded default\n');
    expect(piped.out()).toBe(`step 4 ecs-fargate: ${join(dir, 'piped', 'steps', '4')} (MoatWorkload)\n`);
    expect(existsSync(join(dir, 'piped', 'steps', '4', 'manifest.json'))).toBe(true);
  });

  it('says that step 1, the container on its own, has nothing to synthesize', async () => {
    const io = captureIo(dir);
    expect(await runCli(['synth', '--step', '1'], io)).toBe(0);
    expect(io.out()).toMatch(
      /^step 1 local-container: no AWS resources to synthesize \(.*docker run -p 80:8080/,
    );
  });

  it('rejects a config file with problems, listing every one, with exit 2', async () => {
    const io = captureIo(dir);
    expect(await runCli(['synth', '--step', '7', '--config', 'missing.yaml'], io)).toBe(2);
    expect(io.err()).toBe(
      `moat: config ${join(dir, 'missing.yaml')}\nmoat synth: ${join(dir, 'missing.yaml')}: 1 problem\n  - (file): received "${join(dir, 'missing.yaml')}" — does not exist (the path was given). Fix: give the path of an existing config file, or unset it to use the first moat.config.yaml found from the working directory upward, else the embedded default.\n`,
    );
  });
});
