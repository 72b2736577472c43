export { type AzLossResult, simulateAzLoss } from './simulate-az-loss.js';
export { availabilityZonesOf, withoutAvailabilityZone } from './without-availability-zone.js';
