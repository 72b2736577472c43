import { type ProblemCode, ProblemError } from './problems.js';
import type { TickerClient } from './upstream/ticker-client.js';
import type { TickerResult, UpstreamFailureKind } from './upstream/ticker-result.js';

export interface PriceQuote {
  readonly symbol: string;
  /** The decimal string exactly as Binance sent it. */
  readonly price: string;
  /** ISO 8601, when Binance answered. */
  readonly fetchedAt: string;
}

/** hit: served from the cache; coalesced: joined a lookup already in flight; miss: made the upstream call. */
export type CacheOutcome = 'hit' | 'coalesced' | 'miss' | 'cool-down';

export interface PriceLookup {
  readonly cache: CacheOutcome;
  /** The status Binance answered the upstream call with, when there was one. */
  readonly upstreamStatus?: number;
  readonly answer:
    | { readonly kind: 'price'; readonly quote: PriceQuote }
    | { readonly kind: 'problem'; readonly problem: ProblemError };
}

export interface PriceSourceOptions {
  readonly cacheTtlMs: number;
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

/**
 * Bounds memory when clients ask for many distinct (valid-looking) symbols; the oldest entries go first.
 * Binance lists a few thousand spot symbols, so real traffic never reaches it.
 */
const MAX_CACHED_SYMBOLS = 10_000;

interface Settled {
  readonly result: TickerResult;
  readonly fetchedAt: string;
}

/**
 * Protects the upstream budget, which every task behind the same NAT shares: one call per symbol in
 * flight (coalescing), one per symbol per TTL (cache), and none at all while Binance asks us to back off.
 */
export class PriceSource {
  readonly #client: TickerClient;
  readonly #cacheTtlMs: number;
  readonly #now: () => number;
  /** A cache hit returns the same lookup object every time: the hot path allocates nothing. */
  readonly #cache = new Map<string, { readonly hit: PriceLookup; readonly expiresAt: number }>();
  readonly #inFlight = new Map<string, Promise<Settled>>();
  #coolDownUntil = 0;

  constructor(client: TickerClient, options: PriceSourceOptions) {
    this.#client = client;
    this.#cacheTtlMs = options.cacheTtlMs;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The cached lookup for `symbol` while its TTL runs, else undefined. Synchronous, so the cached path (the
   * one nearly every request takes under load) costs no promise; `lookup` covers everything else.
   */
  cached(symbol: string): PriceLookup | undefined {
    const entry = this.#cache.get(symbol);
    return entry !== undefined && entry.expiresAt > this.#now() ? entry.hit : undefined;
  }

  async lookup(symbol: string): Promise<PriceLookup> {
    const hit = this.cached(symbol);
    if (hit !== undefined) return hit;
    const now = this.#now();

    if (now < this.#coolDownUntil) {
      const seconds = Math.ceil((this.#coolDownUntil - now) / 1000);
      const problem = new ProblemError(
        'upstream-rate-limited',
        `Binance asked this service's IP address to back off; no upstream call is made for another ${seconds} s. Retry after that.`,
        seconds,
      );
      return { cache: 'cool-down', answer: { kind: 'problem', problem } };
    }

    const pending = this.#inFlight.get(symbol);
    if (pending !== undefined) return toLookup(symbol, 'coalesced', await pending);

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
    if (result.kind === 'rate-limited') {
      const until = this.#now() + (result.retryAfterSeconds ?? 0) * 1000;
      this.#coolDownUntil = Math.max(this.#coolDownUntil, until);
    }
    // Unknown symbols are cached too: a client polling a typo must not spend the shared budget.
    if ((result.kind === 'price' || result.kind === 'unknown-symbol') && this.#cacheTtlMs > 0) {
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
      expiresAt: this.#now() + this.#cacheTtlMs,
    });
  }
}

function toLookup(symbol: string, cache: CacheOutcome, { result, fetchedAt }: Settled): PriceLookup {
  const upstreamStatus = cache === 'hit' ? undefined : result.upstreamStatus;
  const base = upstreamStatus === undefined ? { cache } : { cache, upstreamStatus };
  switch (result.kind) {
    case 'price':
      return { ...base, answer: { kind: 'price', quote: { symbol, price: result.price, fetchedAt } } };
    case 'unknown-symbol': {
      const problem = new ProblemError(
        'unknown-symbol',
        `Binance does not list the symbol "${symbol}". Check the pair, e.g. BTCUSDT (base asset then quote asset).`,
      );
      return { ...base, answer: { kind: 'problem', problem } };
    }
    default: {
      const problem = new ProblemError(
        PROBLEM_FOR_FAILURE[result.kind],
        result.detail,
        result.retryAfterSeconds,
      );
      return { ...base, answer: { kind: 'problem', problem } };
    }
  }
}
