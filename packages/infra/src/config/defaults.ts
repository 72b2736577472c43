import type { MoatConfig } from './schema.js';
import { validateConfig } from './validate.js';

/** The embedded default: what an empty `moat.config.yaml` means, and what serves when there is none. */
export const defaultConfig: MoatConfig = embeddedDefault();

function embeddedDefault(): MoatConfig {
  const result = validateConfig({});
  if (!result.ok) throw new Error('the embedded default config does not validate');
  return result.config;
}
