export { checkFlows } from './check-flows.js';
export { DEFAULT_ALLOWED_HOST, FARGATE_SERVICES, standardFlows } from './standard-flows.js';
