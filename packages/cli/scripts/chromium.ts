import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/** The names Chromium's executable has in Debian, Ubuntu's snap wrapper and Google's builds. */
const NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

/**
 * Where the browser tests find Chromium: `CHROMIUM_PATH` when set, else the first of its usual names on
 * the PATH. When there is none, the error says how to install it, so a missing browser is one clear line
 * instead of Playwright's "executable doesn't exist".
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.CHROMIUM_PATH;
  if (explicit !== undefined && explicit !== '') {
    if (isExecutable(explicit)) return explicit;
    throw new Error(`CHROMIUM_PATH is "${explicit}", which is not an executable file; fix it or unset it`);
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  for (const name of NAMES) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  throw new Error(
    `Chromium is not on the PATH (looked for ${NAMES.join(', ')}). Install it with "apt-get install chromium" (Debian; .ci/run does this), or set CHROMIUM_PATH to its executable.`,
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Chromium as `findChromium` finds it, headless, without a sandbox (containers have no user namespaces), GPU
 * or background requests: the report must render offline. Shared by the report's browser tests and
 * `npm run docs:images`.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The widths the report is checked at: a laptop, and a narrow window or a tablet. */
export const REPORT_WIDTHS = [1400, 800] as const;

/** The pictures the README and docs/diagrams.md show: the overview and step 9, at each width. */
export const reportImages = (width: number) =>
  [
    { file: `report-overview-${width}.png`, hash: '' },
    { file: `step-9-${width}.png`, hash: '#step-9-diagram' },
  ] as const;
