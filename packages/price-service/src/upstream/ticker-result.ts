import {
  classifyFailureStatus,
  clip,
  isRecord,
  parseJson,
  type UpstreamFailure,
  unexpectedStatus,
} from './upstream-failure.js';

/** What one ticker lookup came to. */
export type TickerResult =
  | { readonly kind: 'price'; readonly price: string; readonly upstreamStatus: number }
  | { readonly kind: 'unknown-symbol'; readonly upstreamStatus: number }
  | UpstreamFailure;

/** Binance's price is a decimal string; it is passed through untouched, never parsed to a float. */
const DECIMAL = /^\d+(?:\.\d+)?$/;

/** Binance's error code for a symbol it does not list. Source: https://developers.binance.com/docs/binance-spot-api-docs/errors */
const INVALID_SYMBOL_CODE = -1121;

/** Classifies a complete ticker answer. `body` is the raw text: parsing happens here, once. */
export function classifyResponse(
  symbol: string,
  status: number,
  retryAfterHeader: string | undefined,
  body: string,
  now: number,
): TickerResult {
  if (status === 200) {
    const parsed = parseJson(body);
    if (
      isRecord(parsed) &&
      parsed.symbol === symbol &&
      typeof parsed.price === 'string' &&
      DECIMAL.test(parsed.price)
    ) {
      return { kind: 'price', price: parsed.price, upstreamStatus: status };
    }
    return {
      kind: 'malformed',
      detail: `Binance answered 200 with a body that is not a price for ${symbol}: ${clip(body)}`,
      upstreamStatus: status,
      retryable: false,
    };
  }
  if (status === 400) {
    const parsed = parseJson(body);
    if (isRecord(parsed) && parsed.code === INVALID_SYMBOL_CODE)
      return { kind: 'unknown-symbol', upstreamStatus: status };
  }
  return classifyFailureStatus(status, retryAfterHeader, now) ?? unexpectedStatus(status, body);
}
