export { type CfnTemplate, isJsonObject, type Json, type JsonObject } from '../cfn/template.js';
export { InputError } from './input-error.js';
export { type Assembly, loadAssembly, type StackTemplate } from './load-assembly.js';
