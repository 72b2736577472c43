import { internalNlb } from './05-internal-nlb.js';
import { nextStep } from './step.js';

export const transitGateway = nextStep(
  internalNlb,
  {
    id: 6,
    slug: 'transit-gateway',
    summary:
      'Ingress VPC (ALB) and egress VPC (NAT) join the container VPC through a Transit Gateway; the container VPC loses its IGW and NAT and gains VPC endpoints.',
  },
  { transitGateway: true },
);
