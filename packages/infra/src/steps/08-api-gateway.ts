import { networkFirewall } from './07-network-firewall.js';
import { nextStep } from './step.js';

export const apiGateway = nextStep(
  networkFirewall,
  {
    id: 8,
    slug: 'api-gateway',
    summary:
      'A regional REST API with throttling reaches an internal ALB through a VPC link; the ALB leaves the internet.',
  },
  { apiGateway: true },
);
