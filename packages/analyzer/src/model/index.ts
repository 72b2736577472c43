export { buildModel } from './build-model.js';
export { formatIpv4, isPrivateRange, parseCidr, parseIpv4 } from './ip.js';
export type * from './suricata/syntax.js';
export * from './types.js';
