import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The command the image runs and `npm start` runs, read from package.json's start script. The script
 * starts with `exec` so that npm's shell becomes node: npm forwards SIGTERM to its child, and without
 * exec that child is the shell, which dies and leaves the service running undrained.
 */
export function startCommand(): string[] {
  const { start } = (
    JSON.parse(readFileSync(`${PACKAGE_DIR}/package.json`, 'utf8')) as { scripts: { start: string } }
  ).scripts;
  const [first, ...rest] = start.split(' ');
  if (first !== 'exec') throw new Error(`the start script must begin with exec, found "${start}"`);
  return rest;
}

export interface SpawnedService {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  /** Parsed stdout log lines so far. */
  readonly logs: Record<string, unknown>[];
  waitForLog(msg: string): Promise<Record<string, unknown>>;
  exitCode(): Promise<number | null>;
}

const running = new Set<ChildProcessWithoutNullStreams>();

/** For afterEach: kills every service a test started and left running (a failed test never sends SIGTERM). */
export function killSpawnedServices(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Starts the service exactly as the image does, with PORT=0 so the OS picks a free port. */
export async function spawnService(env: Record<string, string>): Promise<SpawnedService> {
  const [command, ...args] = startCommand();
  if (command !== 'node') throw new Error(`the start script must run node, found ${command}`);
  const child = spawn(process.execPath, args, {
    cwd: PACKAGE_DIR,
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
  });
  running.add(child);
  const exited = once(child, 'exit').then(([code]) => {
    running.delete(child);
    return code as number | null;
  });
  const logs: Record<string, unknown>[] = [];
  const waiters: { msg: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    logs.push(line);
    for (const waiter of waiters.filter((w) => w.msg === line.msg)) waiter.resolve(line);
  });
  const waitForLog = (msg: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const seen = logs.find((line) => line.msg === msg);
      if (seen !== undefined) resolve(seen);
      else waiters.push({ msg, resolve });
      exited.then((code) => reject(new Error(`the service exited with ${code} before logging "${msg}"`)));
    });
  const listening = await waitForLog('listening');
  return { child, url: String(listening.address), logs, waitForLog, exitCode: () => exited };
}
