import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR, startCommand } from './support/spawned.js';

const read = (path: string) => readFileSync(`${PACKAGE_DIR}/${path}`, 'utf8');

interface Lock {
  lockfileVersion: number;
  packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
}

describe('the Docker image definition', () => {
  const dockerfile = read('Dockerfile');

  it('starts with exactly the command the tests start', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual(startCommand());
    expect(startCommand()).toEqual(['node', 'dist/server.js']);
  });

  it('runs as the non-root node user, exposes 8080 and installs production dependencies only', () => {
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^EXPOSE 8080$/m);
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
  });
});

describe('package-lock.json (the image lock)', () => {
  const lock = JSON.parse(read('package-lock.json')) as Lock;
  const manifest = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
  const rootLock = JSON.parse(readFileSync(`${PACKAGE_DIR}/../../package-lock.json`, 'utf8')) as Lock;

  it('locks exactly the production dependencies of package.json', () => {
    expect(lock.lockfileVersion).toBe(3);
    expect(lock.packages['']?.dependencies).toEqual(manifest.dependencies);
  });

  it('pins every package to the version the workspace tests ran with', () => {
    const drift = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .filter(([path, entry]) => rootLock.packages[path]?.version !== entry.version)
      .map(
        ([path, entry]) => `${path}: image ${entry.version}, workspace ${rootLock.packages[path]?.version}`,
      );
    expect(drift, 'run scripts/lock-image-dependencies.sh').toEqual([]);
  });
});
