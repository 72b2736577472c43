export { buildModel } from './build-model.js';
export type * from './suricata/syntax.js';
export * from './types.js';
