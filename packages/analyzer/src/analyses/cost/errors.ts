/** Errors a user can cause or fix: each names the value received and what to do instead. */

export class UnknownRegionError extends Error {
  override readonly name = 'UnknownRegionError';
  constructor(
    readonly region: string,
    readonly availableRegions: readonly string[],
  ) {
    super(
      `No price table for region '${region}'. Moat prices the ${availableRegions.length} commercial regions: ` +
        `${availableRegions.join(', ')}. Pass one of them (China and GovCloud have price lists of their own), ` +
        'or add the region to packages/analyzer/data/price-list/regions.json and run "npm run prices -w @moat/analyzer".',
    );
  }
}

export class InvalidCostOptionError extends Error {
  override readonly name = 'InvalidCostOptionError';
  constructor(
    readonly option: string,
    readonly received: unknown,
    expected: string,
  ) {
    super(
      `Invalid ${option}: received ${typeof received === 'number' ? String(received) : JSON.stringify(received)}; expected ${expected}.`,
    );
  }
}

/** A price file that does not have the shape the pricing needs: a defect in the data, not in the user's input. */
export class PriceTableError extends Error {
  override readonly name = 'PriceTableError';
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`Price table ${file}: ${problem}`);
  }
}
