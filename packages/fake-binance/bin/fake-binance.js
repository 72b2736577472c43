#!/usr/bin/env node
// The package runs from TypeScript source (no build step): register tsx, then load the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
