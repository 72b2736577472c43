export { checkFlows } from './check-flows.js';
export {
  DEFAULT_ALLOWED_HOST,
  DERIVED_EGRESS_HOST,
  FARGATE_SERVICES,
  type StandardFlowOptions,
  standardFlows,
} from './standard-flows.js';
