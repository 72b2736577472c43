/**
 * Facts of the Binance spot API the service relies on, in a module of their own: the request thread reads
 * them, and must not load binance-client.ts, which loads undici (see worker-binance-client.ts for why undici
 * stays out of the request thread).
 */

export const TICKER_PRICE_PATH = '/api/v3/ticker/price';
/** Source: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#symbol-price-ticker */
export const TICKER_WEIGHT = 2;

/**
 * The request: only symbols whose status is TRADING, and without `permissionSets` (a smaller payload);
 * weight 20 whatever the parameters.
 * Source (read 2026-12-04): https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints#exchange-information
 */
export const EXCHANGE_INFO_PATH = '/api/v3/exchangeInfo?symbolStatus=TRADING&showPermissionSets=false';
export const EXCHANGE_INFO_WEIGHT = 20;
/**
 * exchangeInfo is a few megabytes and nobody waits for it (the list is refreshed in the background), so it
 * gets its own, longer deadline: at the 230 ms round trip from Frankfurt to Binance's servers in Tokyo, TCP's
 * slow start alone takes about ten round trips to deliver 3 MB.
 */
export const EXCHANGE_INFO_TIMEOUT_MS = 15_000;
