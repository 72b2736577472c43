export { EmptyAssemblyError, InputError } from './input-error.js';
export { type Assembly, loadAssembly, type StackTemplate } from './load-assembly.js';
