export { buildModel } from './build-model.js';
export * from './types.js';
