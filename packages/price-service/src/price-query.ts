import { ProblemError } from './problems.js';

/** Longer than any valid query (`symbol=` + 20 characters) by a wide margin; anything above is abuse or a bug. */
export const MAX_QUERY_LENGTH = 256;

/**
 * Binance spot symbols are upper-case letters and digits (BTCUSDT, 1000SATSUSDT). Binance's own legal range
 * also admits `-_.`, but no listed symbol uses them, and every accepted string may cost an upstream call.
 */
const SYMBOL = /^[A-Z0-9]{2,20}$/;

const EXAMPLE = 'e.g. /price?symbol=BTCUSDT';

/** Validates GET /price's query and returns the symbol, or throws an invalid-request problem saying why. */
export function parsePriceQuery(url: string, query: Readonly<Record<string, unknown>>): string {
  const queryStart = url.indexOf('?');
  const queryLength = queryStart < 0 ? 0 : url.length - queryStart - 1;
  if (queryLength > MAX_QUERY_LENGTH) {
    throw invalid(
      `The query string is ${queryLength} characters long; the limit is ${MAX_QUERY_LENGTH}. Send only the symbol, ${EXAMPLE}.`,
    );
  }
  for (const name of Object.keys(query)) {
    if (name !== 'symbol') {
      throw invalid(`Unknown query parameter ${quote(name)}; the only parameter is symbol, ${EXAMPLE}.`);
    }
  }
  const symbol = query.symbol;
  if (symbol === undefined || symbol === '') {
    throw invalid(`The symbol query parameter is missing or empty; send one, ${EXAMPLE}.`);
  }
  if (Array.isArray(symbol)) {
    throw invalid(`The symbol query parameter is given ${symbol.length} times; send it once, ${EXAMPLE}.`);
  }
  if (typeof symbol !== 'string' || !SYMBOL.test(symbol)) {
    throw invalid(
      `The symbol must be 2 to 20 upper-case letters or digits, ${EXAMPLE}; received ${quote(String(symbol))}.`,
    );
  }
  return symbol;
}

function invalid(detail: string): ProblemError {
  return new ProblemError('invalid-request', detail);
}

/** JSON quoting escapes control characters, so a hostile value cannot forge log lines or break the detail. */
function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
