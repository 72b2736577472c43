import { transitGateway } from './06-transit-gateway.js';
import { nextStep } from './step.js';

export const networkFirewall = nextStep(
  transitGateway,
  {
    id: 7,
    slug: 'network-firewall',
    summary:
      'AWS Network Firewall in the egress VPC, one endpoint per AZ on the symmetric path; strict order, default drop, a domain and IP allow list.',
  },
  { networkFirewall: true },
);
