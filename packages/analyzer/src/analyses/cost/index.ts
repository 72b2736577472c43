export { type CostDelta, compareCosts, type LineChange } from './compare-costs.js';
export { InvalidCostOptionError, PriceTableError, UnknownRegionError } from './errors.js';
export { estimateCost } from './estimate-cost.js';
export { formatCostTable } from './format-table.js';
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
  loadPriceTable,
  type Price,
  type PriceKey,
  type PriceTable,
} from './price-table.js';
export { defaultTrafficProfile, type ResolvedTraffic, type TrafficProfile } from './traffic.js';
