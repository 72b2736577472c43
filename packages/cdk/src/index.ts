export { acknowledge, type MoatAcknowledgement } from './acknowledge.js';
export { MoatValidation } from './moat-validation.js';
