import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR } from './support/spawned.js';

/** Every module the request thread loads from `entry`: value imports only (`import type` is erased). */
function modulesLoadedFrom(entry: string): Map<string, string[]> {
  const loaded = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (loaded.has(file)) return;
    const source = readFileSync(file, 'utf8');
    const specifiers = [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)';/gms)].map(
      (match) => match[1] ?? '',
    );
    loaded.set(file, specifiers);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
    }
  };
  visit(entry);
  return loaded;
}

describe('the request thread', () => {
  it('never loads undici: it runs in the worker thread only (worker-binance-client.ts and the README say why)', () => {
    const loaded = modulesLoadedFrom(join(PACKAGE_DIR, 'src/server.ts'));
    const importers = [...loaded]
      .filter(([, specifiers]) => specifiers.includes('undici'))
      .map(([file]) => file);
    expect(importers).toEqual([]);
    // The walk itself reaches the modules on the request path.
    expect([...loaded.keys()].map((file) => file.slice(PACKAGE_DIR.length))).toEqual(
      expect.arrayContaining(['src/app.ts', 'src/price-source.ts', 'src/upstream/worker-binance-client.ts']),
    );
  });

  it('would be caught loading undici through the Binance client', () => {
    const worker = modulesLoadedFrom(join(PACKAGE_DIR, 'src/upstream/binance-worker.ts'));
    expect([...worker].some(([, specifiers]) => specifiers.includes('undici'))).toBe(true);
  });
});
