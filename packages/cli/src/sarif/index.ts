export * from './sarif-log.js';
export {
  resourceKeyRegions,
  SOURCE_ROOT,
  TemplateLocator,
  type TemplateResource,
} from './template-locations.js';
export { type SarifOptions, verificationToSarif } from './verification-sarif.js';
