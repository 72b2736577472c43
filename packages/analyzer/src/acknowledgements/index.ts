export { type AcknowledgedFindings, applyAcknowledgements } from './apply.js';
export { readTemplateAcknowledgements, type TemplateAcknowledgements } from './read-metadata.js';
export {
  ACKNOWLEDGE_METADATA_KEY,
  type AcknowledgedResource,
  type Acknowledgement,
  type FindingAcknowledgement,
  MIN_ACKNOWLEDGEMENT_REASON_LENGTH,
  type StaleAcknowledgement,
} from './types.js';
