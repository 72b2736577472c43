import { localContainer } from './01-local-container.js';
import { publicEc2 } from './02-public-ec2.js';
import { albNat } from './03-alb-nat.js';
import { ecsFargate } from './04-ecs-fargate.js';
import { internalNlb } from './05-internal-nlb.js';
import { transitGateway } from './06-transit-gateway.js';
import { networkFirewall } from './07-network-firewall.js';
import { apiGateway } from './08-api-gateway.js';
import { waf } from './09-waf.js';
import { splitAccounts } from './10-split-accounts.js';
import type { Step } from './step.js';

/** Every step of the guide, in order; ids 1–10. */
export const steps: readonly Step[] = [
  localContainer,
  publicEc2,
  albNat,
  ecsFargate,
  internalNlb,
  transitGateway,
  networkFirewall,
  apiGateway,
  waf,
  splitAccounts,
];

/** A step by id (7, "7") or slug ("network-firewall"); undefined when there is none. */
export function findStep(idOrSlug: string | number): Step | undefined {
  const key = String(idOrSlug).trim().toLowerCase();
  return steps.find((step) => String(step.id) === key || step.slug === key);
}
