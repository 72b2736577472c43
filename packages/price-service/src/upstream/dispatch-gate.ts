/** Why a request was not sent: Binance asked for a back-off, or the lookup's deadline passed while it waited. */
export type Admission =
  | { readonly kind: 'admitted'; release(): void }
  | { readonly kind: 'backing-off'; readonly retryAfterSeconds: number }
  | { readonly kind: 'expired' };

/**
 * The last gate before a request leaves for Binance, in the thread that sends it. The request thread's
 * budget decides which lookups may call Binance, but it hears of a 429 only after the worker does, and
 * lookups it has already posted would otherwise still go out: with more lookups than connections, undici
 * queues them and sends each as a connection frees up, 429 or not (32 to 40 calls went out after the first
 * 429 before this gate). So the worker keeps its own queue in front of a bounded number of requests in
 * flight, and every request, a retry included, passes here at the moment it would be sent: none leaves
 * while a Retry-After runs, and none leaves after its lookup's deadline.
 */
export class DispatchGate {
  readonly #maxInFlight: number;
  readonly #now: () => number;
  #inFlight = 0;
  /** Waiting requests, first come first served; each is handed a slot (true) or gives up (false). */
  readonly #waiting: ((slot: boolean) => void)[] = [];
  #backOffUntil = 0;

  constructor(maxInFlight: number, now: () => number = Date.now) {
    this.#maxInFlight = maxInFlight;
    this.#now = now;
  }

  /** Binance answered 429 or 418: nothing is sent until Retry-After has passed. */
  backOff(retryAfterSeconds: number): void {
    this.#backOffUntil = Math.max(this.#backOffUntil, this.#now() + retryAfterSeconds * 1000);
  }

  /** Waits for a free slot, then admits the request unless Binance asked for a back-off or time ran out. */
  async admit(deadline: AbortSignal): Promise<Admission> {
    const early = this.#refusal(deadline);
    if (early !== undefined) return early;
    if (this.#inFlight < this.#maxInFlight) this.#inFlight += 1;
    else if (!(await this.#slot(deadline))) return { kind: 'expired' };
    // Checked again: a 429 may have arrived while this request waited for its slot.
    const late = this.#refusal(deadline);
    if (late !== undefined) {
      this.#release();
      return late;
    }
    let released = false;
    return {
      kind: 'admitted',
      release: () => {
        if (released) return;
        released = true;
        this.#release();
      },
    };
  }

  #refusal(deadline: AbortSignal): Admission | undefined {
    if (deadline.aborted) return { kind: 'expired' };
    const waitMs = this.#backOffUntil - this.#now();
    return waitMs > 0 ? { kind: 'backing-off', retryAfterSeconds: Math.ceil(waitMs / 1000) } : undefined;
  }

  #slot(deadline: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const onAbort = (): void => {
        const index = this.#waiting.indexOf(take);
        if (index >= 0) this.#waiting.splice(index, 1);
        resolve(false);
      };
      const take = (slot: boolean): void => {
        deadline.removeEventListener('abort', onAbort);
        resolve(slot);
      };
      this.#waiting.push(take);
      deadline.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** A finished request hands its slot to the next waiting one, or frees it. */
  #release(): void {
    const next = this.#waiting.shift();
    if (next === undefined) this.#inFlight -= 1;
    else next(true);
  }
}
