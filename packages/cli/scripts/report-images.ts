// Regenerates the report pictures in docs/images: `npm run docs:images -w @moat/cli`. It runs `moat plan` with
// the embedded default configuration into a temporary folder, opens the report in headless Chromium at each
// width, and saves the overview and step 9; docs/images/step-9.png is the plan's own diagram file of step 9.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCli } from '../src/main.js';
import { launchChromium, REPORT_WIDTHS, reportImages } from './chromium.js';

const images = fileURLToPath(new URL('../../../docs/images/', import.meta.url));
const out = await mkdtemp(join(tmpdir(), 'moat-docs-images-'));
try {
  const code = await runCli(['plan', '--out', out], {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: false,
    cwd: process.cwd(),
  });
  if (code !== 0) throw new Error(`moat plan exited ${code}: the pictures would show a failing plan`);
  const browser = await launchChromium();
  try {
    for (const width of REPORT_WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 1000 } });
      for (const { file, hash } of reportImages(width)) {
        await page.goto(`${pathToFileURL(join(out, 'report.html')).href}${hash}`);
        await page.screenshot({ path: join(images, file) });
        process.stdout.write(`wrote docs/images/${file}\n`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  await copyFile(join(out, 'diagrams', 'step-9.png'), join(images, 'step-9.png'));
  process.stdout.write('wrote docs/images/step-9.png\n');
} finally {
  await rm(out, { recursive: true, force: true });
}
