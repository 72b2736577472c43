import { z } from 'zod';
import { MoatConfigSchema } from './schema.js';

/** The JSON Schema published as moat.config.schema.json, for editor completion and checks. */
export function configJsonSchema(): Record<string, unknown> {
  // 'input': what a user may write, so fields with a default are optional.
  return {
    ...z.toJSONSchema(MoatConfigSchema, { io: 'input' }),
    title: 'moat.config.yaml',
  };
}
