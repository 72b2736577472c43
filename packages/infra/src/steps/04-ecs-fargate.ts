import { albNat } from './03-alb-nat.js';
import { nextStep } from './step.js';

export const ecsFargate = nextStep(
  albNat,
  {
    id: 4,
    slug: 'ecs-fargate',
    summary:
      'An ECS Fargate service (tasks spread over the AZs) and an ECR repository replace the instances.',
  },
  { compute: 'fargate' },
);
