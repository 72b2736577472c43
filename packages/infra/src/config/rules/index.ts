import { accountRules } from './accounts.js';
import { apiRules } from './api.js';
import { cidrRules } from './cidrs.js';
import { egressRules } from './egress.js';
import { flowRules } from './flows.js';
import { managementRules } from './management.js';
import { nlbRules } from './nlb.js';
import { routeRules } from './routes.js';
import type { Rule } from './rule.js';
import { serviceRules } from './service.js';
import { zoneRules } from './zones.js';

/** Every semantic rule, in the order their issues are reported. */
export const semanticRules: readonly Rule[] = [
  ...accountRules,
  ...zoneRules,
  ...cidrRules,
  ...nlbRules,
  ...apiRules,
  ...egressRules,
  ...serviceRules,
  ...routeRules,
  ...managementRules,
  ...flowRules,
];

export type { ParsedSections, Rule } from './rule.js';
