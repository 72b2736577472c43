import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, parse, relative, sep } from 'node:path';
import { UsageError } from './command.js';

/**
 * Where moat writes (`--out`), made ready before any long work and turned into one clear `UsageError` when
 * it cannot be written. Node's recursive `mkdir` never returns on a path under /proc: procfs answers ENOENT
 * for a child that cannot exist, and Node then re-creates the parent (EEXIST) and retries the child
 * forever (strace: mkdir("/proc/x") = ENOENT, mkdir("/proc") = EEXIST, repeated). So the folders are
 * created here one level at a time, and an ENOENT for a folder whose parent exists is final.
 */
export function prepareOutputDir(dir: string, flag: string, named: string = dir): void {
  const { root } = parse(dir);
  let current = root;
  for (const part of relative(root, dir)
    .split(sep)
    .filter((name) => name !== '')) {
    current = join(current, part);
    const kind = kindOf(current);
    if (kind === 'directory') continue;
    if (kind === 'other') {
      throw new UsageError(
        `${flag} "${named}" cannot be written: "${current}" is a file, not a folder; remove it or choose another ${flag}`,
      );
    }
    try {
      mkdirSync(current);
    } catch (error) {
      throw outputError(flag, named, current, error);
    }
  }
  // A folder can exist and still refuse files (read-only file system, no write permission).
  const probe = join(dir, `.moat-write-test-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    throw outputError(flag, named, dir, error);
  }
}

/** Makes ready the folder of an output file, and checks that no folder stands where the file goes. */
export function prepareOutputFile(file: string, flag: string): void {
  prepareOutputDir(dirname(file), flag, file);
  if (kindOf(file) === 'directory') {
    throw new UsageError(
      `${flag} "${file}" cannot be written: "${file}" is a folder, not a file; choose another ${flag}`,
    );
  }
}

/** Writes one output file, creating its folder; a failure is a `UsageError` naming the file and the flag. */
export function writeOutputFile(file: string, data: string | Uint8Array, flag: string): void {
  prepareOutputFile(file, flag);
  try {
    writeFileSync(file, data);
  } catch (error) {
    throw outputError(flag, file, file, error);
  }
}

function kindOf(path: string): 'directory' | 'other' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}

/** The file system's refusal, in words that say what to do. */
function outputError(flag: string, target: string, at: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  const why: Readonly<Record<string, string>> = {
    EACCES: `no permission to write in "${dirname(at)}"`,
    EPERM: `no permission to write in "${dirname(at)}"`,
    EROFS: `"${at}" is on a read-only file system`,
    ENOENT: `"${dirname(at)}" does not accept new entries (a virtual file system such as /proc or /sys)`,
    ENOTDIR: `a part of "${at}" is a file, not a folder`,
    EEXIST: `"${at}" exists and is not a folder`,
    EISDIR: `"${at}" is a folder, not a file`,
    ENOSPC: 'the disk is full',
  };
  return new UsageError(
    `${flag} "${target}" cannot be written: ${why[code] ?? `${code} at "${at}"`}; choose another ${flag}`,
  );
}
