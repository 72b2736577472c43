import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/config/index.js';

describe('moat.config.schema.json', () => {
  it('matches the zod schema (run `npm run schema -w @moat/infra` when this fails)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(new URL('../../moat.config.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(configJsonSchema());
  });

  it('rejects unknown keys and leaves fields with a default optional', () => {
    const schema = configJsonSchema();
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toBeUndefined();
  });
});
