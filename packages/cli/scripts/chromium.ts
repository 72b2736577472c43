import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, headless, without a sandbox (containers have no user namespaces), GPU or background
 * requests: the report must render offline. Shared by the report's browser tests and `npm run docs:images`.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
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
