/**
 * The body of `GET /api/v3/exchangeInfo`, shaped as Binance documents it: `timezone`, `serverTime`,
 * `rateLimits`, `exchangeFilters` and one object per symbol with its `status`, assets, order types,
 * permissions and filters.
 * Sources (read 2026-12-04): https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints#exchange-information,
 * https://developers.binance.com/docs/binance-spot-api-docs/filters and
 * https://developers.binance.com/docs/binance-spot-api-docs/enums (also github.com/binance/binance-spot-api-docs,
 * rest-api.md, filters.md and enums.md at commit a5e0bc3ddc0fd7e6bb696849323b74423fa3a54d).
 */

/** A symbol's trading status; Binance's exchangeInfo filter `symbolStatus` accepts the first three. */
export type SymbolStatus = 'TRADING' | 'HALT' | 'BREAK' | 'CANCEL_ONLY';
export const FILTERABLE_STATUSES: readonly SymbolStatus[] = ['TRADING', 'HALT', 'BREAK'];

export interface ListedSymbol {
  readonly symbol: string;
  readonly status: SymbolStatus;
}

export interface ExchangeInfoQuery {
  /** Only symbols with this status (Binance's `symbolStatus`). */
  readonly symbolStatus?: SymbolStatus;
  /** Binance's `showPermissionSets` (default true): false leaves `permissionSets` empty, a smaller payload. */
  readonly showPermissionSets: boolean;
}

/** The quote assets the fake recognises at the end of a symbol, longest first (BTCUSDT → BTC / USDT). */
const QUOTE_ASSETS = ['FDUSD', 'USDT', 'USDC', 'TUSD', 'BTC', 'ETH', 'BNB', 'EUR', 'TRY', 'BRL', 'JPY'];

export function exchangeInfoDocument(
  symbols: readonly ListedSymbol[],
  query: ExchangeInfoQuery,
  weightLimitPerMinute: number,
  now: number,
): unknown {
  return {
    timezone: 'UTC',
    serverTime: now,
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: weightLimitPerMinute },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200_000 },
      { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61_000 },
    ],
    exchangeFilters: [],
    symbols: symbols
      .filter(({ status }) => query.symbolStatus === undefined || status === query.symbolStatus)
      .map(({ symbol, status }) => symbolDocument(symbol, status, query.showPermissionSets)),
  };
}

function symbolDocument(symbol: string, status: SymbolStatus, showPermissionSets: boolean): unknown {
  const quoteAsset = QUOTE_ASSETS.find((quote) => symbol.endsWith(quote) && symbol.length > quote.length);
  const split = symbol.length - (quoteAsset?.length ?? Math.min(4, symbol.length - 1));
  return {
    symbol,
    status,
    baseAsset: symbol.slice(0, split),
    baseAssetPrecision: 8,
    quoteAsset: symbol.slice(split),
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: [
      'LIMIT',
      'LIMIT_MAKER',
      'MARKET',
      'STOP_LOSS',
      'STOP_LOSS_LIMIT',
      'TAKE_PROFIT',
      'TAKE_PROFIT_LIMIT',
    ],
    icebergAllowed: true,
    ocoAllowed: true,
    otoAllowed: true,
    opoAllowed: true,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: true,
    cancelReplaceAllowed: true,
    amendAllowed: true,
    pegInstructionsAllowed: true,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      {
        filterType: 'PRICE_FILTER',
        minPrice: '0.01000000',
        maxPrice: '1000000.00000000',
        tickSize: '0.01000000',
      },
      { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' },
      { filterType: 'ICEBERG_PARTS', limit: 10 },
      { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: '120.00000000', stepSize: '0.00000000' },
      {
        filterType: 'TRAILING_DELTA',
        minTrailingAboveDelta: 10,
        maxTrailingAboveDelta: 2000,
        minTrailingBelowDelta: 10,
        maxTrailingBelowDelta: 2000,
      },
      {
        filterType: 'PERCENT_PRICE_BY_SIDE',
        bidMultiplierUp: '5',
        bidMultiplierDown: '0.2',
        askMultiplierUp: '5',
        askMultiplierDown: '0.2',
        avgPriceMins: 5,
      },
      {
        filterType: 'NOTIONAL',
        minNotional: '5.00000000',
        applyMinToMarket: true,
        maxNotional: '9000000.00000000',
        applyMaxToMarket: false,
        avgPriceMins: 5,
      },
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
      { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 },
    ],
    permissions: [],
    permissionSets: showPermissionSets ? [['SPOT']] : [],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'DECREMENT'],
  };
}
