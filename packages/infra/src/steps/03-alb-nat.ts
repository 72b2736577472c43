import { publicEc2 } from './02-public-ec2.js';
import { nextStep } from './step.js';

export const albNat = nextStep(
  publicEc2,
  {
    id: 3,
    slug: 'alb-nat',
    summary:
      'Instances move to private subnets in 2 AZs behind an internet-facing ALB; one NAT gateway per AZ.',
  },
  { compute: 'ec2-private' },
);
