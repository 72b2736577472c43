export { EmptyAssemblyError, InputError } from './input-error.js';
export {
  type Assembly,
  loadAssembly,
  loadStackTemplates,
  type StackTemplate,
  type StackTemplateFile,
} from './load-assembly.js';
