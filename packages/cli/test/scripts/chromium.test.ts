import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/chromium.js';

function binDir(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'moat-bin-'));
  for (const name of names) {
    writeFileSync(join(dir, name), '#!/bin/sh\n');
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

describe('findChromium', () => {
  it('finds Chromium under any of its names in any folder of the PATH, not only /usr/bin/chromium', () => {
    const empty = binDir();
    const browser = binDir('chromium-browser');
    expect(findChromium({ PATH: `${empty}:${browser}` })).toBe(join(browser, 'chromium-browser'));
  });

  it('prefers CHROMIUM_PATH when it is set', () => {
    const dir = binDir('chrome');
    expect(findChromium({ CHROMIUM_PATH: join(dir, 'chrome'), PATH: binDir('chromium') })).toBe(
      join(dir, 'chrome'),
    );
  });

  it('ignores a file of that name that is not executable', () => {
    const dir = binDir();
    writeFileSync(join(dir, 'chromium'), '');
    expect(() => findChromium({ PATH: dir })).toThrow(/^Chromium is not on the PATH/);
  });

  it('says how to install Chromium when it is missing', () => {
    expect(() => findChromium({ PATH: binDir() })).toThrow(
      'Chromium is not on the PATH (looked for chromium, chromium-browser, google-chrome-stable, google-chrome). Install it with "apt-get install chromium" (Debian; .ci/run does this), or set CHROMIUM_PATH to its executable.',
    );
  });
});
