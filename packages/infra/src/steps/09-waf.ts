import { apiGateway } from './08-api-gateway.js';
import { nextStep } from './step.js';

export const waf = nextStep(
  apiGateway,
  {
    id: 9,
    slug: 'waf',
    summary: 'A WAF web ACL on the API stage: AWS managed rule groups and a rate-based rule, with logging.',
  },
  { waf: true },
);
