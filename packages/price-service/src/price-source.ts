import { type ProblemCode, ProblemError } from './problems.js';
import type { SymbolCheck } from './symbol-directory.js';
import { TICKER_WEIGHT } from './upstream/binance-api.js';
import type { TickerResult } from './upstream/ticker-result.js';
import type { UpstreamFailureKind } from './upstream/upstream-failure.js';
import type { BudgetDecision, RefusalReason } from './upstream-budget.js';

export interface PriceQuote {
  readonly symbol: string;
  /** The decimal string exactly as Binance sent it. */
  readonly price: string;
  /** ISO 8601, when Binance answered. */
  readonly fetchedAt: string;
}

/**
 * How a lookup was answered. hit: from the cache; coalesced: joined a call already in flight; miss: made the
 * upstream call; unlisted: the symbol is not in Binance's list, no call; cool-down: Binance asked for a
 * back-off, no call; refused: the upstream budget said no, no call.
 */
export type CacheOutcome = 'hit' | 'coalesced' | 'miss' | 'unlisted' | 'cool-down' | 'refused';

export interface PriceLookup {
  readonly cache: CacheOutcome;
  /** The status Binance answered the upstream call with, when there was one. */
  readonly upstreamStatus: number | undefined;
  readonly answer:
    | { readonly kind: 'price'; readonly quote: PriceQuote }
    | { readonly kind: 'problem'; readonly problem: ProblemError };
}

/** The upstream side PriceSource needs: the ticker call. */
export interface PriceClient {
  fetchPrice(symbol: string): Promise<TickerResult>;
}

/** What PriceSource asks of the symbol list (symbol-directory.ts). */
export interface SymbolChecker {
  check(symbol: string): SymbolCheck;
  delisted(symbol: string): void;
}

/** What PriceSource asks of the upstream budget (upstream-budget.ts). */
export interface BudgetGate {
  request(client: string, weight: number): BudgetDecision;
  coolDown(retryAfterSeconds: number): void;
}

export interface PriceSourceOptions {
  readonly cacheTtlMs: number;
  readonly symbols: SymbolChecker;
  readonly budget: BudgetGate;
  readonly now?: () => number;
}

const PROBLEM_FOR_FAILURE: Record<UpstreamFailureKind, ProblemCode> = {
  timeout: 'upstream-timeout',
  unreachable: 'upstream-unreachable',
  'server-error': 'upstream-error',
  'unexpected-status': 'upstream-error',
  malformed: 'upstream-malformed-response',
  'rate-limited': 'upstream-rate-limited',
  'geo-blocked': 'upstream-geo-blocked',
};

const PROBLEM_FOR_REFUSAL: Record<RefusalReason, ProblemCode> = {
  'cool-down': 'upstream-rate-limited',
  'ip-weight': 'upstream-budget-exhausted',
  budget: 'upstream-budget-exhausted',
  'client-share': 'too-many-requests',
};

/**
 * Bounds memory when clients ask for many distinct symbols Binance lists (or any valid-looking symbol while
 * the list is not loaded); the oldest entries go first. Binance lists a few thousand spot symbols.
 */
const MAX_CACHED_SYMBOLS = 10_000;

interface Settled {
  readonly result: TickerResult;
  readonly fetchedAt: string;
}

/**
 * Protects the upstream budget, which every task behind the same NAT shares: no call for a symbol Binance
 * does not trade, one call per symbol in flight (coalescing), one per symbol per TTL (cache), and only the
 * calls the budget grants.
 */
export class PriceSource {
  readonly #client: PriceClient;
  readonly #options: PriceSourceOptions;
  readonly #now: () => number;
  /** A cache hit returns the same lookup object every time: the hot path allocates nothing. */
  readonly #cache = new Map<string, { readonly hit: PriceLookup; readonly expiresAt: number }>();
  readonly #inFlight = new Map<string, Promise<Settled>>();

  constructor(client: PriceClient, options: PriceSourceOptions) {
    this.#client = client;
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The lookup that needs no waiting, else undefined: a symbol Binance does not trade (404, no call) or a
   * cached one. Synchronous, so the paths nearly every request takes under load, a cache hit or a flood of
   * made-up symbols, cost no promise; `lookup` covers everything else.
   */
  answerNow(symbol: string): PriceLookup | undefined {
    if (this.#options.symbols.check(symbol) === 'unlisted') return unlisted(symbol);
    const entry = this.#cache.get(symbol);
    return entry !== undefined && entry.expiresAt > this.#now() ? entry.hit : undefined;
  }

  /** `client`: the key of the caller's address (client-address.ts), charged for a call made for it. */
  async lookup(symbol: string, client: string): Promise<PriceLookup> {
    const now = this.answerNow(symbol);
    if (now !== undefined) return now;

    const pending = this.#inFlight.get(symbol);
    if (pending !== undefined) return toLookup(symbol, 'coalesced', await pending);

    const decision = this.#options.budget.request(client, TICKER_WEIGHT);
    if (!decision.granted) {
      const problem = new ProblemError(
        PROBLEM_FOR_REFUSAL[decision.reason],
        decision.detail,
        decision.retryAfterSeconds,
      );
      return lookupOf(decision.reason === 'cool-down' ? 'cool-down' : 'refused', {
        kind: 'problem',
        problem,
      });
    }

    const call = this.#fetch(symbol);
    this.#inFlight.set(symbol, call);
    try {
      return toLookup(symbol, 'miss', await call);
    } finally {
      this.#inFlight.delete(symbol);
    }
  }

  async #fetch(symbol: string): Promise<Settled> {
    const result = await this.#client.fetchPrice(symbol);
    const settled: Settled = { result, fetchedAt: new Date(this.#now()).toISOString() };
    if (result.kind === 'rate-limited' && result.retryAfterSeconds !== undefined) {
      this.#options.budget.coolDown(result.retryAfterSeconds);
    }
    if (result.kind === 'unknown-symbol' && this.#options.symbols.check(symbol) === 'listed') {
      this.#options.symbols.delisted(symbol);
    }
    // Unknown symbols are cached too (while no list is loaded): a client polling a typo must not spend the budget.
    if ((result.kind === 'price' || result.kind === 'unknown-symbol') && this.#options.cacheTtlMs > 0) {
      this.#remember(symbol, settled);
    }
    return settled;
  }

  #remember(symbol: string, settled: Settled): void {
    this.#cache.delete(symbol);
    if (this.#cache.size >= MAX_CACHED_SYMBOLS) {
      const oldest = this.#cache.keys().next();
      if (oldest.done !== true) this.#cache.delete(oldest.value);
    }
    this.#cache.set(symbol, {
      hit: toLookup(symbol, 'hit', settled),
      expiresAt: this.#now() + this.#options.cacheTtlMs,
    });
  }
}

/**
 * Every lookup is made here, with the same three properties in the same order: the request path reads them
 * on every answer (app.ts), and objects of one shape keep those reads monomorphic. Spreading a base object
 * into each lookup, as before, gave lookups many hidden classes and made those reads megamorphic.
 */
function lookupOf(cache: CacheOutcome, answer: PriceLookup['answer'], upstreamStatus?: number): PriceLookup {
  return { cache, upstreamStatus, answer };
}

function unlisted(symbol: string): PriceLookup {
  return lookupOf('unlisted', {
    kind: 'problem',
    problem: unknownSymbol(symbol, 'among the symbols it trades (exchangeInfo)'),
  });
}

function unknownSymbol(symbol: string, where: string): ProblemError {
  return new ProblemError(
    'unknown-symbol',
    `Binance does not list the symbol "${symbol}" ${where}. Check the pair, e.g. BTCUSDT (base asset then quote asset).`,
  );
}

function toLookup(symbol: string, cache: CacheOutcome, { result, fetchedAt }: Settled): PriceLookup {
  const upstreamStatus = cache === 'hit' ? undefined : result.upstreamStatus;
  switch (result.kind) {
    case 'price':
      return lookupOf(
        cache,
        { kind: 'price', quote: { symbol, price: result.price, fetchedAt } },
        upstreamStatus,
      );
    case 'unknown-symbol':
      return lookupOf(
        cache,
        { kind: 'problem', problem: unknownSymbol(symbol, '(-1121 Invalid symbol)') },
        upstreamStatus,
      );
    default: {
      const problem = new ProblemError(
        PROBLEM_FOR_FAILURE[result.kind],
        result.detail,
        result.retryAfterSeconds,
      );
      return lookupOf(cache, { kind: 'problem', problem }, upstreamStatus);
    }
  }
}
