/**
 * Writes moat.config.schema.json from the zod schema, so editors complete and check moat.config.yaml.
 * Run after changing src/config/schema.ts: `npm run schema -w @moat/infra`. A test fails while the
 * committed file is stale.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configJsonSchema } from '../src/config/json-schema.js';

const target = fileURLToPath(new URL('../moat.config.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
// The repo's formatter owns the layout, so that `biome check` stays clean on the generated file.
execFileSync('npx', ['biome', 'format', '--write', target], { stdio: 'inherit' });
console.log(`wrote ${target}`);
