export { type CfnTemplate, isJsonObject, type Json, type JsonObject } from '../cfn/template.js';
export { EmptyAssemblyError, InputError } from './input-error.js';
export {
  type Assembly,
  type LoadOptions,
  loadAssembly,
  loadStackTemplates,
  type StackTemplate,
  type StackTemplateFile,
} from './load-assembly.js';
export { type ParameterValue, readParameterArguments } from './parameter-input.js';
