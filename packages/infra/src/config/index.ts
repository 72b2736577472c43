export {
  type AddressPlan,
  type ContainerTier,
  type EgressTier,
  type IngressTier,
  type NlbAddress,
  planAddresses,
  type SubnetPlan,
  type TierName,
  type VpcAddressPlan,
} from './addressing.js';
export { cdkContextFor } from './cdk-context.js';
export {
  containsAddress,
  containsBlock,
  formatCidr,
  formatIpv4,
  type Ipv4Block,
  overlaps,
  parseCidr,
  parseIpv4,
  subdivide,
} from './cidr.js';
export { type CostUsage, CostUsageSchema, validateCostUsage } from './cost-usage.js';
export { defaultConfig } from './defaults.js';
export { type ConfigIssue, type ConfigResult, formatIssues } from './issues.js';
export { configJsonSchema } from './json-schema.js';
export {
  CONFIG_ENV_VAR,
  CONFIG_FILE_NAME,
  EMBEDDED_DEFAULT_SOURCE,
  type LoadConfigOptions,
  type LoadedConfig,
  type LoadedCostUsage,
  loadConfig,
  loadCostUsage,
} from './load.js';
export { type MoatConfig, type MoatConfigInput, MoatConfigSchema } from './schema.js';
export { validateConfig } from './validate.js';
