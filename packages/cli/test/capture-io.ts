import type { CommandIo } from '../src/command.js';

/** A CommandIo that records what a command writes, for in-process tests. */
export function captureIo(cwd: string = process.cwd()): CommandIo & { out(): string; err(): string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout: { write: (text: string) => stdout.push(text) },
    stderr: { write: (text: string) => stderr.push(text) },
    isTTY: false,
    cwd,
    out: () => stdout.join(''),
    err: () => stderr.join(''),
  };
}
