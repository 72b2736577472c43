import {
  classifyFailureStatus,
  clip,
  isRecord,
  parseJson,
  type UpstreamFailure,
  unexpectedStatus,
} from './upstream-failure.js';

/** The symbols Binance trades now, read from `GET /api/v3/exchangeInfo`. */
export interface SymbolList {
  readonly symbols: readonly string[];
  /** The per-IP REQUEST_WEIGHT limit per minute from `rateLimits`, when Binance states it. */
  readonly weightLimitPerMinute: number | undefined;
}

export type SymbolListResult =
  | ({ readonly kind: 'symbols'; readonly upstreamStatus: number } & SymbolList)
  | UpstreamFailure;

/** The symbols this service can be asked for (price-query.ts); Binance's legal range is wider. */
const REQUESTABLE_SYMBOL = /^[A-Z0-9]{2,20}$/;

/**
 * Classifies an exchangeInfo answer. The body is `{timezone, serverTime, rateLimits: [{rateLimitType,
 * interval, intervalNum, limit}], exchangeFilters, symbols: [{symbol, status, …}]}`; only `symbols[].symbol`
 * and `status`, and the REQUEST_WEIGHT limit, are read. The status is checked here too, so a list is right
 * even if the `symbolStatus` filter were ignored. A list without a single trading symbol is refused as
 * malformed: serving it would answer 404 to every symbol.
 */
export function classifySymbolList(
  status: number,
  retryAfterHeader: string | undefined,
  body: string,
  now: number,
): SymbolListResult {
  if (status !== 200) {
    return classifyFailureStatus(status, retryAfterHeader, now) ?? unexpectedStatus(status, body);
  }
  const parsed = parseJson(body);
  const entries =
    isRecord(parsed) && Array.isArray(parsed.symbols) ? (parsed.symbols as unknown[]) : undefined;
  const symbols = (entries ?? []).flatMap((entry) =>
    isRecord(entry) &&
    entry.status === 'TRADING' &&
    typeof entry.symbol === 'string' &&
    REQUESTABLE_SYMBOL.test(entry.symbol)
      ? [entry.symbol]
      : [],
  );
  if (symbols.length === 0) {
    return {
      kind: 'malformed',
      detail: `Binance answered exchangeInfo with no trading symbol: ${clip(body)}`,
      upstreamStatus: status,
      retryable: false,
    };
  }
  return {
    kind: 'symbols',
    symbols,
    weightLimitPerMinute: isRecord(parsed) ? requestWeightPerMinute(parsed.rateLimits) : undefined,
    upstreamStatus: status,
  };
}

function requestWeightPerMinute(rateLimits: unknown): number | undefined {
  if (!Array.isArray(rateLimits)) return undefined;
  const limit = rateLimits.find(
    (entry: unknown) =>
      isRecord(entry) &&
      entry.rateLimitType === 'REQUEST_WEIGHT' &&
      entry.interval === 'MINUTE' &&
      entry.intervalNum === 1 &&
      typeof entry.limit === 'number' &&
      Number.isInteger(entry.limit) &&
      entry.limit > 0,
  ) as { limit: number } | undefined;
  return limit?.limit;
}
