import type { NetworkModel } from '../../src/model/types.js';

type Lists = Exclude<keyof NetworkModel, 'deployOrder'>;

/** A model whose element lists are plain arrays, so a hand-built test model can push into them. */
export type DraftModel = { -readonly [K in Lists]: NetworkModel[K][number][] } & {
  deployOrder: Record<string, readonly string[]>;
};

/** A network model with nothing in it: the start of every hand-built test model. */
export const emptyModel = (): DraftModel => ({
  stacks: [],
  vpcs: [],
  subnets: [],
  routeTables: [],
  internetGateways: [],
  natGateways: [],
  elasticIps: [],
  transitGateways: [],
  transitGatewayAttachments: [],
  transitGatewayRouteTables: [],
  firewalls: [],
  firewallPolicies: [],
  firewallRuleGroups: [],
  securityGroups: [],
  prefixLists: [],
  networkAcls: [],
  loadBalancers: [],
  targetGroups: [],
  ecsServices: [],
  instances: [],
  vpcEndpoints: [],
  vpcLinks: [],
  restApis: [],
  httpApis: [],
  webAcls: [],
  resourceShares: [],
  flowLogs: [],
  deployOrder: {},
  diagnostics: [],
});
