/**
 * Binance's per-IP request-weight limit, as its documentation describes it
 * (https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits, read 2026-12-04):
 * - every request adds its weight to the IP's count for the current interval, and every answer carries the
 *   count in `X-MBX-USED-WEIGHT-1M`;
 * - the interval is a clock minute: a request at 00:01:23.456 counts towards the 00:01:00 minute, and the
 *   count starts again at zero when 00:02:00 begins
 *   (https://developers.binance.com/docs/binance-spot-api-docs/websocket-api/rate-limits);
 * - above the limit (REQUEST_WEIGHT, 6,000 per minute:
 *   https://developers.binance.com/docs/binance-spot-api-docs/enums#rate-limiters-ratelimittype) the answer is
 *   429 with `Retry-After`, the seconds to wait "to prevent a ban";
 * - "failing to back off after receiving 429s will result in an automated IP ban (HTTP status 418)", with a
 *   `Retry-After` until the ban is over; bans "scale in duration for repeat offenders, from 2 minutes to 3 days".
 *
 * Binance does not publish how many calls after a 429 earn a ban; the fake's threshold is its own choice
 * (`banAfterViolations`).
 */
export interface IpLimitsOptions {
  readonly weightLimitPerMinute: number;
  readonly banAfterViolations: number;
  readonly now: () => number;
}

/** What the fake does with one call, after adding its weight. */
export type IpVerdict =
  | { readonly kind: 'allowed'; readonly usedWeight: number }
  | { readonly kind: 'rate-limited'; readonly usedWeight: number; readonly retryAfterSeconds: number }
  | { readonly kind: 'banned'; readonly usedWeight: number; readonly retryAfterSeconds: number };

const MINUTE_MS = 60_000;
const FIRST_BAN_MS = 2 * MINUTE_MS;
const LONGEST_BAN_MS = 3 * 24 * 60 * MINUTE_MS;

export class IpLimits {
  readonly #options: IpLimitsOptions;
  #minute = -1;
  #used = 0;
  /** End of the back-off Binance asked for with its last 429; calls before it are violations. */
  #backOffUntil = 0;
  #violations = 0;
  #bannedUntil = 0;
  #nextBanMs = FIRST_BAN_MS;

  constructor(options: IpLimitsOptions) {
    this.#options = options;
  }

  /** Adds `weight` to the current minute (as Binance counts every request) and decides the answer. */
  admit(weight: number): IpVerdict {
    const now = this.#options.now();
    const usedWeight = this.spend(weight, now);
    if (now < this.#bannedUntil) {
      return { kind: 'banned', usedWeight, retryAfterSeconds: secondsUntil(this.#bannedUntil, now) };
    }
    if (now < this.#backOffUntil) {
      this.#violations += 1;
      if (this.#violations >= this.#options.banAfterViolations) return this.#ban(now, usedWeight);
    }
    if (usedWeight > this.#options.weightLimitPerMinute) {
      this.#backOffUntil = this.#minuteStart(now) + MINUTE_MS;
      return { kind: 'rate-limited', usedWeight, retryAfterSeconds: secondsUntil(this.#backOffUntil, now) };
    }
    return { kind: 'allowed', usedWeight };
  }

  /** Records a 429 the fake was scripted to send, so that calls before its Retry-After count as violations. */
  backOffRequested(retryAfterSeconds: number): void {
    const until = this.#options.now() + retryAfterSeconds * 1000;
    this.#backOffUntil = Math.max(this.#backOffUntil, until);
  }

  /** Weight spent without a response of the fake's own: other hosts behind the same NAT address. */
  spend(weight: number, now = this.#options.now()): number {
    const minute = Math.floor(now / MINUTE_MS);
    if (minute !== this.#minute) {
      this.#minute = minute;
      this.#used = 0;
    }
    this.#used += weight;
    return this.#used;
  }

  usedWeight(): number {
    return this.spend(0);
  }

  #ban(now: number, usedWeight: number): IpVerdict {
    this.#bannedUntil = now + this.#nextBanMs;
    this.#nextBanMs = Math.min(this.#nextBanMs * 2, LONGEST_BAN_MS);
    this.#violations = 0;
    this.#backOffUntil = 0;
    return { kind: 'banned', usedWeight, retryAfterSeconds: secondsUntil(this.#bannedUntil, now) };
  }

  #minuteStart(now: number): number {
    return Math.floor(now / MINUTE_MS) * MINUTE_MS;
  }
}

function secondsUntil(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 1000));
}
