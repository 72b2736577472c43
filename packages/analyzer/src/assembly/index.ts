export { type CfnTemplate, isJsonObject, type Json, type JsonObject } from '../cfn/template.js';
export { InputError } from './input-error.js';
export { type Assembly, type LoadOptions, loadAssembly, type StackTemplate } from './load-assembly.js';
export { type ParameterValue, readParameterArguments } from './parameter-input.js';
