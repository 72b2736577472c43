import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type MoatConfig } from '../../src/index.js';

const EXAMPLES = fileURLToPath(new URL('../../../../examples', import.meta.url));

/** The egress designs of examples/*.yaml (docs/egress-designs.md), by file name, each validated. */
export function exampleDesigns(): readonly (readonly [string, MoatConfig])[] {
  return readdirSync(EXAMPLES)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const loaded = loadConfig({ cwd: EXAMPLES, path: join(EXAMPLES, file) });
      if (!loaded.ok) throw new Error(`examples/${file} does not validate`);
      return [file, loaded.config] as const;
    });
}

/** The steps whose templates an egress design changes: NAT (3), the hub and firewall (6, 7), the account split (10). */
export const DESIGN_STEP_IDS = [3, 6, 7, 10] as const;
