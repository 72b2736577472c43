import type { NetworkModel } from '../../model/types.js';
import type { Finding } from '../types.js';
import type { Rule } from './rule.js';
import { net001 } from './rules/net001-no-internet-path-beside-tasks.js';
import { net002 } from './rules/net002-internet-egress-crosses-firewall.js';
import { net003 } from './rules/net003-symmetric-return-through-firewalls.js';
import { net004 } from './rules/net004-appliance-mode-on-firewall-attachments.js';
import { net005 } from './rules/net005-no-public-ip-on-tasks.js';
import { net006 } from './rules/net006-no-world-open-port-outside-entries.js';
import { net007 } from './rules/net007-flow-logs-on-every-vpc.js';
import { net008 } from './rules/net008-firewall-default-action-drops.js';
import { net009 } from './rules/net009-home-net-covers-spokes.js';
import { net010 } from './rules/net010-waf-on-public-api-stages.js';
import { net011 } from './rules/net011-zonal-targets-in-own-az.js';
import { net012 } from './rules/net012-firewall-in-both-directions.js';
import { net013 } from './rules/net013-endpoint-security-group-https-from-inside.js';
import { net014 } from './rules/net014-tgw-default-route-tables-off.js';
import { net015 } from './rules/net015-firewall-logging.js';
import { net016 } from './rules/net016-alb-ip-targets-private.js';
import { net017 } from './rules/net017-api-stage-throttled-and-logged.js';
import { net018 } from './rules/net018-firewall-strict-rule-order.js';
import { net019 } from './rules/net019-stateless-default-forwards.js';
import { net020 } from './rules/net020-fargate-endpoints-without-internet.js';
import { net021 } from './rules/net021-endpoint-private-dns.js';
import { net022 } from './rules/net022-vpc-link-load-balancer-internal.js';
import { net023 } from './rules/net023-one-internet-gateway-per-vpc.js';
import { net024 } from './rules/net024-nlb-has-security-groups.js';
import { net025 } from './rules/net025-waf-logging.js';
import { net026 } from './rules/net026-firewall-endpoint-picked-by-az.js';
import { net027 } from './rules/net027-no-egress-to-the-world-beyond-the-design.js';
import { net028 } from './rules/net028-services-start-after-their-endpoints.js';
import { net029 } from './rules/net029-instances-boot-after-their-internet-route.js';
import { net030 } from './rules/net030-internet-gateway-routes-mirror-firewall-routes.js';

export { describeSource, type Rule } from './rule.js';

/** Every invariant, in id order. Ids are stable forever: a retired rule keeps its id unused. */
export const invariants: readonly Rule[] = [
  net001,
  net002,
  net003,
  net004,
  net005,
  net006,
  net007,
  net008,
  net009,
  net010,
  net011,
  net012,
  net013,
  net014,
  net015,
  net016,
  net017,
  net018,
  net019,
  net020,
  net021,
  net022,
  net023,
  net024,
  net025,
  net026,
  net027,
  net028,
  net029,
  net030,
];

export function checkInvariants(model: NetworkModel): readonly Finding[] {
  return invariants.flatMap((rule) => rule.check(model));
}
