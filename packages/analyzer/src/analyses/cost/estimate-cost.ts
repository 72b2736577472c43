import type { NetworkModel } from '../../model/types.js';
import { inventoryFromModel } from './inventory.js';
import { type CostOptions, type CostReport, priceInventory } from './price-inventory.js';

/** The monthly cost of what the templates contain, priced with the region's dated table. */
export function estimateCost(model: NetworkModel, options: CostOptions): CostReport {
  return priceInventory(inventoryFromModel(model), options);
}
