import type { UpstreamAttempt } from './upstream/binance-client.js';

export type RefusalReason = 'cool-down' | 'ip-weight' | 'budget' | 'client-share';
export const REFUSAL_REASONS: readonly RefusalReason[] = ['cool-down', 'ip-weight', 'budget', 'client-share'];

export type BudgetDecision =
  | { readonly granted: true }
  | {
      readonly granted: false;
      readonly reason: RefusalReason;
      readonly retryAfterSeconds: number;
      /** What the client reads: which limit, the figures, when to come back. */
      readonly detail: string;
    };

export interface UpstreamBudgetOptions {
  /** UPSTREAM_WEIGHT_PER_MINUTE: what this process may spend. */
  readonly weightPerMinute: number;
  /** UPSTREAM_CLIENT_SHARE_PERCENT: the most one client address may spend of it. */
  readonly clientSharePercent: number;
  readonly now?: () => number;
}

const MINUTE_MS = 60_000;
/**
 * Binance's per-IP REQUEST_WEIGHT limit until exchangeInfo states it.
 * Source: https://developers.binance.com/docs/binance-spot-api-docs/enums#rate-limiters-ratelimittype
 */
export const BINANCE_WEIGHT_LIMIT_PER_MINUTE = 6_000;
/**
 * From this share of the IP's limit (as X-MBX-USED-WEIGHT-1M reports it), the process stops calling until
 * the minute ends. The rest is room for what other tasks already have in flight: six tasks' full buckets
 * (6 × 133 = 800) still fit under 6,000 − 4,800.
 */
export const IP_WEIGHT_STOP_FRACTION = 0.8;
/** A bucket holds at most this share of its minute, so a full bucket and a minute's refill stay near the rate. */
const BURST_FRACTION_OF_MINUTE = 1 / 6;
/** The heaviest single call (exchangeInfo): every bucket can hold at least that much. */
const MIN_CAPACITY = 20;
/** The weight of one ticker call: a client's bucket can always hold one. */
const MIN_CLIENT_CAPACITY = 2;
/** Client buckets kept at most; beyond it, full ones are forgotten first (a full bucket is a new client's). */
const MAX_TRACKED_CLIENTS = 10_000;

/**
 * The upstream budget of this process, shared by every lookup and the symbol-list refresh. Binance limits
 * request weight per IP address per clock minute (https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits),
 * and every task shares the NAT gateway's address, so each process spends at most its own part, from a
 * token bucket of UPSTREAM_WEIGHT_PER_MINUTE; a client address may spend at most its share of it, from a
 * bucket of its own. Two signals from Binance stop all spending whatever the buckets hold: a 429/418 (no
 * call until its Retry-After has passed) and X-MBX-USED-WEIGHT-1M at 80 % of the IP's limit (no call until
 * the minute ends; the header is the only view of what the other tasks behind the address spend).
 */
export class UpstreamBudget {
  readonly #options: UpstreamBudgetOptions;
  readonly #now: () => number;
  readonly #process: TokenBucket;
  readonly #clients = new Map<string, TokenBucket>();
  readonly #clientCapacity: number;
  readonly #clientPerMs: number;
  readonly #refusals = new Map<RefusalReason, number>(REFUSAL_REASONS.map((reason) => [reason, 0]));
  #coolDownUntil = 0;
  #ipWeightLimit = BINANCE_WEIGHT_LIMIT_PER_MINUTE;
  #ipUsed = { weight: 0, minute: -1 };

  constructor(options: UpstreamBudgetOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    const capacity = Math.max(MIN_CAPACITY, options.weightPerMinute * BURST_FRACTION_OF_MINUTE);
    this.#process = new TokenBucket(capacity, options.weightPerMinute / MINUTE_MS, this.#now());
    const share = options.clientSharePercent / 100;
    this.#clientCapacity = Math.max(MIN_CLIENT_CAPACITY, capacity * share);
    this.#clientPerMs = (options.weightPerMinute * share) / MINUTE_MS;
  }

  /** A lookup for `client` wants to make a call of `weight`; granted calls are paid for at once. */
  request(client: string, weight: number): BudgetDecision {
    const now = this.#now();
    const stopped = this.#stopped(now);
    if (stopped !== undefined) return this.#refuse(stopped);
    // The process first: when it is out, everyone is (503); a client over its share alone gets 429.
    if (!this.#process.has(weight, now)) {
      const seconds = this.#process.secondsUntil(weight, now);
      return this.#refuse({
        reason: 'budget',
        retryAfterSeconds: seconds,
        detail: `This service has spent its budget for calls to Binance (UPSTREAM_WEIGHT_PER_MINUTE=${this.#options.weightPerMinute}); the next call is possible in ${seconds} s. Cached prices are still served.`,
      });
    }
    const bucket = this.#clientBucket(client, now);
    if (!bucket.has(weight, now)) {
      const seconds = bucket.secondsUntil(weight, now);
      return this.#refuse({
        reason: 'client-share',
        retryAfterSeconds: seconds,
        detail: `Your address has used its share (${this.#options.clientSharePercent} %, UPSTREAM_CLIENT_SHARE_PERCENT) of this service's budget for calls to Binance; prices not in the cache can be fetched for you again in ${seconds} s. Cached prices are still served.`,
      });
    }
    bucket.charge(weight, now);
    this.#process.charge(weight, now);
    return { granted: true };
  }

  /**
   * The service's own call (the symbol-list refresh): only Binance's signals can stop it. It is paid from the
   * process bucket, which may go below zero, so a busy budget delays lookups rather than the list.
   */
  requestOwn(weight: number): BudgetDecision {
    const now = this.#now();
    const stopped = this.#stopped(now);
    if (stopped !== undefined) return this.#refuse(stopped);
    this.#process.charge(weight, now);
    return { granted: true };
  }

  /** A request that went out: pays for a retry, and reads Binance's signals from the answer. */
  observe(attempt: UpstreamAttempt): void {
    const now = this.#now();
    if (attempt.retry) this.#process.charge(attempt.weight, now);
    if (attempt.usedWeight !== undefined) {
      const minute = Math.floor(now / MINUTE_MS);
      // Answers to concurrent calls arrive in any order: the largest count of the minute is the latest.
      const weight =
        minute === this.#ipUsed.minute
          ? Math.max(this.#ipUsed.weight, attempt.usedWeight)
          : attempt.usedWeight;
      this.#ipUsed = { weight, minute };
    }
    if (attempt.retryAfterSeconds !== undefined) this.coolDown(attempt.retryAfterSeconds);
  }

  /** Binance answered 429 or 418 (or the worker held a call back for one): nothing until Retry-After has passed. */
  coolDown(retryAfterSeconds: number): void {
    this.#coolDownUntil = Math.max(this.#coolDownUntil, this.#now() + retryAfterSeconds * 1000);
  }

  /** The per-IP limit exchangeInfo states (REQUEST_WEIGHT per minute). */
  setIpWeightLimit(limit: number): void {
    this.#ipWeightLimit = limit;
  }

  /** Weight the process bucket holds now (negative after a borrowing refresh). */
  available(): number {
    return this.#process.level(this.#now());
  }

  /** The IP's weight in the current minute, as Binance last reported it; 0 once the minute is over. */
  ipWeightUsed(): number {
    return this.#ipUsed.minute === Math.floor(this.#now() / MINUTE_MS) ? this.#ipUsed.weight : 0;
  }

  refusals(reason: RefusalReason): number {
    return this.#refusals.get(reason) ?? 0;
  }

  #stopped(now: number): Omit<Extract<BudgetDecision, { granted: false }>, 'granted'> | undefined {
    if (now < this.#coolDownUntil) {
      const seconds = Math.ceil((this.#coolDownUntil - now) / 1000);
      return {
        reason: 'cool-down',
        retryAfterSeconds: seconds,
        detail: `Binance asked this service's IP address to back off; no upstream call is made for another ${seconds} s. Retry after that.`,
      };
    }
    const used = this.ipWeightUsed();
    if (used >= this.#ipWeightLimit * IP_WEIGHT_STOP_FRACTION) {
      const seconds = Math.max(1, Math.ceil((MINUTE_MS - (now % MINUTE_MS)) / 1000));
      return {
        reason: 'ip-weight',
        retryAfterSeconds: seconds,
        detail: `Binance reports ${used} of this IP address's ${this.#ipWeightLimit} request weight used this minute, shared by every task behind the NAT gateway; the service makes no upstream call until the minute ends, in ${seconds} s. Cached prices are still served.`,
      };
    }
    return undefined;
  }

  #refuse(refusal: Omit<Extract<BudgetDecision, { granted: false }>, 'granted'>): BudgetDecision {
    this.#refusals.set(refusal.reason, (this.#refusals.get(refusal.reason) ?? 0) + 1);
    return { granted: false, ...refusal };
  }

  #clientBucket(client: string, now: number): TokenBucket {
    let bucket = this.#clients.get(client);
    if (bucket === undefined) {
      if (this.#clients.size >= MAX_TRACKED_CLIENTS) this.#forgetClients(now);
      bucket = new TokenBucket(this.#clientCapacity, this.#clientPerMs, now);
      this.#clients.set(client, bucket);
    }
    return bucket;
  }

  /** Forgets clients whose bucket is full again (nothing is lost), else the oldest one. */
  #forgetClients(now: number): void {
    for (const [client, bucket] of this.#clients) {
      if (bucket.isFull(now)) this.#clients.delete(client);
    }
    if (this.#clients.size >= MAX_TRACKED_CLIENTS) {
      const oldest = this.#clients.keys().next();
      if (oldest.done !== true) this.#clients.delete(oldest.value);
    }
  }
}

/** Tokens are request weight; they come back continuously at `perMs`, up to `capacity`. */
class TokenBucket {
  readonly #capacity: number;
  readonly #perMs: number;
  #tokens: number;
  #at: number;

  constructor(capacity: number, perMs: number, now: number) {
    this.#capacity = capacity;
    this.#perMs = perMs;
    this.#tokens = capacity;
    this.#at = now;
  }

  level(now: number): number {
    if (now > this.#at) {
      this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#at) * this.#perMs);
      this.#at = now;
    }
    return this.#tokens;
  }

  has(weight: number, now: number): boolean {
    return this.level(now) >= weight;
  }

  isFull(now: number): boolean {
    return this.level(now) >= this.#capacity;
  }

  /** Takes `weight`, going below zero if it must (a retry, a refresh): later calls wait for the refill. */
  charge(weight: number, now: number): void {
    this.#tokens = this.level(now) - weight;
  }

  secondsUntil(weight: number, now: number): number {
    return Math.max(1, Math.ceil((weight - this.level(now)) / this.#perMs / 1000));
  }
}
