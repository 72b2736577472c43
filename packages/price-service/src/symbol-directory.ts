import { EXCHANGE_INFO_WEIGHT } from './upstream/binance-api.js';
import type { SymbolListResult } from './upstream/symbol-list-result.js';
import type { UpstreamBudget } from './upstream-budget.js';

/** listed: Binance trades it; unlisted: it does not; unverified: no list is loaded, Binance will say. */
export type SymbolCheck = 'listed' | 'unlisted' | 'unverified';

export type Readiness =
  | { readonly ready: false; readonly detail: string }
  | {
      readonly ready: true;
      readonly symbolList: 'loaded';
      readonly symbols: number;
      /** ISO 8601: when the list in use was fetched. */
      readonly loadedAt: string;
    }
  | { readonly ready: true; readonly symbolList: 'unverified'; readonly detail: string };

export interface SymbolDirectoryOptions {
  readonly fetchSymbols: () => Promise<SymbolListResult>;
  readonly budget: UpstreamBudget;
  /** SYMBOLS_REFRESH_MS */
  readonly refreshMs: number;
  /** SYMBOLS_READY_TIMEOUT_MS */
  readonly readyTimeoutMs: number;
  /** Told of every refresh: `loaded`, or the failure's kind and detail. */
  readonly onRefresh?: (outcome: string, detail?: string) => void;
  readonly now?: () => number;
}

/**
 * Never two exchangeInfo calls (weight 20) closer than this once a list is loaded, whatever asks for them:
 * an unknown-symbol answer for a listed symbol, or a failed refresh.
 */
export const MIN_REFRESH_SPACING_MS = 60_000;
/** Until the first list loads, a failed attempt is retried after 1 s, then 2, 4, … up to the spacing above. */
const FIRST_RETRY_MS = 1_000;

/**
 * The symbols Binance trades, from `GET /api/v3/exchangeInfo`, held in the request thread as a Set: the
 * check runs on every request (an unknown symbol is answered 404 without a call to Binance), so it must be a
 * lookup in memory, not a message to the worker that does the fetching and parsing. The list is fetched at
 * start, every SYMBOLS_REFRESH_MS, and, at most once a minute, when Binance answers -1121 for a symbol the
 * list has; a failed fetch keeps the last good list. Until a list loads, every symbol is `unverified` (Binance
 * checks it, as before the list existed), and the service reports ready only once one loads or
 * SYMBOLS_READY_TIMEOUT_MS has passed.
 */
export class SymbolDirectory {
  readonly #options: SymbolDirectoryOptions;
  readonly #now: () => number;
  #symbols: Set<string> | undefined;
  #loadedAt = '';
  #lastFailure: string | undefined;
  #waitedForFirstList = false;
  #lastAttemptAt = Number.NEGATIVE_INFINITY;
  #fetching = false;
  #stopped = false;
  #nextRetryMs = FIRST_RETRY_MS;
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Number.POSITIVE_INFINITY;
  #readyTimer: NodeJS.Timeout | undefined;

  constructor(options: SymbolDirectoryOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Fetches the first list now and starts the readiness clock. */
  start(): void {
    this.#readyTimer = setTimeout(() => {
      this.#waitedForFirstList = true;
    }, this.#options.readyTimeoutMs);
    this.#readyTimer.unref();
    void this.#refresh();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#readyTimer);
  }

  /** On every request: a Set lookup. */
  check(symbol: string): SymbolCheck {
    const symbols = this.#symbols;
    if (symbols === undefined) return 'unverified';
    return symbols.has(symbol) ? 'listed' : 'unlisted';
  }

  /**
   * Binance answered -1121 Invalid symbol for a symbol the list has: it was delisted since the list was
   * fetched. The symbol goes at once, and a new list is fetched (at most once a minute).
   */
  delisted(symbol: string): void {
    if (this.#symbols?.delete(symbol) !== true) return;
    this.#schedule(Math.max(0, this.#lastAttemptAt + MIN_REFRESH_SPACING_MS - this.#now()));
  }

  readiness(): Readiness {
    const lastFailure = this.#lastFailure === undefined ? '' : ` Last attempt: ${this.#lastFailure}`;
    if (this.#symbols !== undefined) {
      return { ready: true, symbolList: 'loaded', symbols: this.#symbols.size, loadedAt: this.#loadedAt };
    }
    if (!this.#waitedForFirstList) {
      return {
        ready: false,
        detail: `Loading the list of symbols Binance trades (exchangeInfo); the service is ready once it loads, or after SYMBOLS_READY_TIMEOUT_MS (${this.#options.readyTimeoutMs} ms) without it.${lastFailure}`,
      };
    }
    return {
      ready: true,
      symbolList: 'unverified',
      detail: `The list of symbols Binance trades (exchangeInfo) did not load within SYMBOLS_READY_TIMEOUT_MS (${this.#options.readyTimeoutMs} ms); until it does, Binance itself says which symbols it lists.${lastFailure}`,
    };
  }

  /** Listed symbols, for the metrics; 0 while no list is loaded. */
  size(): number {
    return this.#symbols?.size ?? 0;
  }

  async #refresh(): Promise<void> {
    if (this.#fetching || this.#stopped) return;
    const decision = this.#options.budget.requestOwn(EXCHANGE_INFO_WEIGHT);
    if (!decision.granted) {
      this.#schedule(decision.retryAfterSeconds * 1000);
      return;
    }
    this.#fetching = true;
    this.#lastAttemptAt = this.#now();
    const result = await this.#options.fetchSymbols();
    this.#fetching = false;
    if (this.#stopped) return;
    if (result.kind === 'symbols') {
      this.#symbols = new Set(result.symbols);
      this.#loadedAt = new Date(this.#now()).toISOString();
      this.#lastFailure = undefined;
      if (result.weightLimitPerMinute !== undefined) {
        this.#options.budget.setIpWeightLimit(result.weightLimitPerMinute);
      }
      this.#options.onRefresh?.('loaded');
      this.#schedule(this.#options.refreshMs);
      return;
    }
    this.#lastFailure = result.detail;
    if (result.kind === 'rate-limited' && result.retryAfterSeconds !== undefined) {
      this.#options.budget.coolDown(result.retryAfterSeconds);
    }
    this.#options.onRefresh?.(result.kind, result.detail);
    if (this.#symbols === undefined) {
      this.#schedule(this.#nextRetryMs);
      this.#nextRetryMs = Math.min(this.#nextRetryMs * 2, MIN_REFRESH_SPACING_MS);
    } else {
      this.#schedule(Math.min(this.#options.refreshMs, MIN_REFRESH_SPACING_MS));
    }
  }

  /** The next refresh in `delayMs`, unless one is due sooner already. */
  #schedule(delayMs: number): void {
    const at = this.#now() + delayMs;
    if (this.#stopped || (this.#timer !== undefined && this.#timerAt <= at)) return;
    clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#timerAt = Number.POSITIVE_INFINITY;
      void this.#refresh();
    }, delayMs);
    // The HTTP server keeps the process alive; the refresh timer must not keep a finished drain alive.
    this.#timer.unref();
  }
}
