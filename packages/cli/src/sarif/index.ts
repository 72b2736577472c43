export { confirmationToSarif } from './confirmation-sarif.js';
export * from './sarif-log.js';
export type { SarifOptions } from './single-run.js';
export {
  resourceKeyRegions,
  SOURCE_ROOT,
  TemplateLocator,
  type TemplateResource,
} from './template-locations.js';
export { verificationToSarif } from './verification-sarif.js';
