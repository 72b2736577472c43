import { firstDesignedStep } from './step.js';

export const publicEc2 = firstDesignedStep(
  {
    id: 2,
    slug: 'public-ec2',
    summary:
      'One VPC with public subnets and an IGW; an EC2 instance with a public IP runs the image; port 80 open.',
  },
  {
    compute: 'ec2-public',
    internalNlb: false,
    transitGateway: false,
    networkFirewall: false,
    apiGateway: false,
    waf: false,
    splitAccounts: false,
  },
);
