import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STEP_METADATA_KEY } from '../src/index.js';
import { synthesizeForTest } from './support/synthesized-step.js';

describe('synthesizeStep', () => {
  it('names the Moat step in the template metadata of every stack, for moat verify', () => {
    const { outdir, json } = synthesizeForTest(7);
    const metadata = Object.keys(json).map(
      (stack) =>
        (JSON.parse(readFileSync(join(outdir, `${stack}.template.json`), 'utf8')) as { Metadata?: object })
          .Metadata,
    );
    expect(metadata).toEqual(
      Object.keys(json).map(() => ({ [STEP_METADATA_KEY]: { step: 7, slug: 'network-firewall' } })),
    );
    expect(Object.keys(json)).toEqual(['MoatNetwork', 'MoatWorkload', 'MoatSpokeRouting']);
  });
});
