import { type MoatConfig, MoatConfigSchema } from './schema.js';

/** The embedded default: what an empty `moat.config.yaml` means, and what serves when there is none. */
export const defaultConfig: MoatConfig = MoatConfigSchema.parse({});
