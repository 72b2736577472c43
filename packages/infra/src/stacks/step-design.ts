/**
 * What a step builds, as data: each step module states how it differs from the step before, and the
 * stacks read only this. One composition for all steps keeps construct IDs identical from step to step.
 */
export interface StepDesign {
  /** Where the service runs: a public instance (2), private instances behind an ALB (3), Fargate (4 on). */
  readonly compute: 'ec2-public' | 'ec2-private' | 'fargate';
  /** The internal NLB with fixed IPs in front of the service (5 on). */
  readonly internalNlb: boolean;
  /** Ingress and egress VPCs joined to the container VPC by a Transit Gateway (6 on). */
  readonly transitGateway: boolean;
  /** AWS Network Firewall in the egress VPC (7 on). */
  readonly networkFirewall: boolean;
  /** A REST API in front of an internal ALB (8 on). */
  readonly apiGateway: boolean;
  /** A WAF web ACL on the API stage (9 on). */
  readonly waf: boolean;
  /** Networking and workload stacks in two accounts, the TGW shared with AWS RAM (10). */
  readonly splitAccounts: boolean;
}
