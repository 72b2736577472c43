import { ecsFargate } from './04-ecs-fargate.js';
import { nextStep } from './step.js';

export const internalNlb = nextStep(
  ecsFargate,
  {
    id: 5,
    slug: 'internal-nlb',
    summary: "An internal NLB with fixed private IPs fronts the service; the ALB's IP targets are those IPs.",
  },
  { internalNlb: true },
);
