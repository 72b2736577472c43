export * from './analyses/az-loss/index.js';
export * from './analyses/cost/index.js';
export * from './analyses/diagram/index.js';
export * from './analyses/flows/index.js';
export * from './analyses/invariants/index.js';
export * from './analyses/trace/index.js';
export type * from './analyses/types.js';
export * from './assembly/index.js';
export * from './model/index.js';
