export {
  type CompareCostsOptions,
  type CostDelta,
  compareCosts,
  type LineChange,
  type ResourceChange,
} from './compare-costs.js';
export { InvalidCostOptionError, PriceTableError, UnknownRegionError } from './errors.js';
export { estimateCost } from './estimate-cost.js';
export { type CostGroup, groupCostLines, resourceKey } from './group-lines.js';
export { type CostInventory, type InventoryItem, inventoryFromModel } from './inventory.js';
export {
  type ChargeCategory,
  type ChargeKind,
  type ChargeSubtotal,
  type CostLine,
  type CostOptions,
  type CostReport,
  DEFAULT_HOURS_PER_MONTH,
  priceInventory,
} from './price-inventory.js';
export {
  availableRegions,
  isAvailable,
  loadPriceTable,
  PRICE_KEYS,
  type Price,
  type PriceEntry,
  type PriceKey,
  type PriceTable,
  type UnavailablePrice,
} from './price-table.js';
export {
  DEFAULT_USAGE,
  USAGE_KINDS,
  type UsageAssumptions,
  type UsageField,
  type UsageFigure,
  type UsageFigures,
  type UsageKind,
  type UsageProfile,
} from './usage.js';
