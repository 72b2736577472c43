import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';
import { prepareOutputDir, writeOutputFile } from '../src/output-files.js';
import { captureIo } from './capture-io.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'moat-out-'));

async function run(...argv: string[]) {
  const io = captureIo(scratch());
  const code = await runCli(argv, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('an --out that cannot be written', () => {
  it('rejects a folder under /proc at once with one line and exit 2, where recursive mkdir never returns', async () => {
    expect(await run('synth', '--step', '2', '--out', '/proc/moat-out')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'moat synth: --out "/proc/moat-out" cannot be written: "/proc" does not accept new entries (a virtual file system such as /proc or /sys); choose another --out\n',
    });
  });

  it('rejects a folder the file system refuses (sysfs refuses even root)', async () => {
    expect(await run('plan', '--steps', '2', '--out', '/sys/moat-out')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'moat plan: --out "/sys/moat-out" cannot be written: no permission to write in "/sys"; choose another --out\n',
    });
  });

  it('rejects a file in the way of the folder, naming the file', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'blocker'), '');
    const out = join(dir, 'blocker', 'out');
    expect(await run('synth', '--step', '2', '--out', out)).toEqual({
      code: 2,
      stdout: '',
      stderr: `moat synth: --out "${out}" cannot be written: "${join(dir, 'blocker')}" is a file, not a folder; remove it or choose another --out\n`,
    });
  });

  it('rejects a folder in the way of a diagram file', async () => {
    const dir = scratch();
    const out = join(dir, 'step.svg');
    mkdirSync(out);
    const { code, stderr } = await run('diagram', '--assembly', '/nonexistent', '--out', out);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `moat diagram: --out "${out}" cannot be written: "${out}" is a folder, not a file; choose another --out\n`,
    );
  });
});

describe('prepareOutputDir and writeOutputFile', () => {
  it('create the missing folders one by one and write the file', () => {
    const file = join(scratch(), 'a', 'b', 'c.txt');
    writeOutputFile(file, 'hello', '--out');
    expect(readFileSync(file, 'utf8')).toBe('hello');
  });

  it('accept a folder that already exists and leave no probe file in it', () => {
    const dir = scratch();
    prepareOutputDir(dir, '--out');
    prepareOutputDir(dir, '--out');
    expect(readdirSync(dir)).toEqual([]);
  });
});
