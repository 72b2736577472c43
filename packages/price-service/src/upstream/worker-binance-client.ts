import { Worker } from 'node:worker_threads';
import { EXCHANGE_INFO_TIMEOUT_MS } from './binance-api.js';
import type { BinanceClient, BinanceClientOptions, UpstreamAttempt } from './binance-client.js';
import type { SymbolListResult } from './symbol-list-result.js';
import type { TickerResult } from './ticker-result.js';
import type { UpstreamFailure } from './upstream-failure.js';

/** What the worker is started with: the client's options, less the callback that cannot cross threads. */
export type BinanceWorkerData = Omit<BinanceClientOptions, 'onAttempt'>;

/** A request sent to the worker. */
export type BinanceWorkerRequest =
  | { readonly id: number; readonly op: 'price'; readonly symbol: string }
  | { readonly id: number; readonly op: 'symbols' };

/** What the worker sends back: each upstream attempt as it ends, then the request's result. */
export type BinanceWorkerMessage =
  | { readonly kind: 'attempt'; readonly attempt: UpstreamAttempt }
  | { readonly kind: 'result'; readonly id: number; readonly result: TickerResult | SymbolListResult };

export interface WorkerBinanceClientOptions extends BinanceClientOptions {
  /**
   * Called with an error the worker thread did not catch (a bug: the client never throws). It goes to the
   * log, not to clients: the requests the worker had in hand end as `unreachable` with a plain detail.
   */
  readonly onWorkerError?: (error: Error) => void;
}

/** The compiled worker script next to this module (dist/upstream/binance-worker.js). */
const COMPILED_WORKER = new URL('./binance-worker.js', import.meta.url);

interface Pending {
  readonly settle: (result: TickerResult | SymbolListResult) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * The Binance client (binance-client.ts: undici, the dispatch gate, timeouts, the retry) run in a worker
 * thread; the request thread only posts a symbol and gets a result back. TLS handshakes, upstream parsing
 * (exchangeInfo is megabytes of JSON) stay off the thread that answers requests, and, measured on the
 * cached path, V8 keeps the request thread's process.nextTick fast: with undici serving lookups in the same
 * isolate, the feedback for Node's tick-object literal goes megamorphic after the first request, and each
 * of the dozen nextTick calls Node's HTTP server makes per request then goes through the V8 runtime (see the
 * package README, Figures).
 *
 * The request thread keeps its own deadline for each request, so a 504 is answered at UPSTREAM_TIMEOUT_MS by
 * the clock of the thread that answers it, whatever the worker is doing: the worker's own deadline starts
 * only when the message arrives, and its answer must cross back, both later under load.
 *
 * Like createBinanceClient it never rejects. If the worker dies, its pending requests end as `unreachable`
 * failures and the next request starts a new worker.
 */
export function createWorkerBinanceClient(
  options: WorkerBinanceClientOptions,
  workerScript: URL = COMPILED_WORKER,
): BinanceClient {
  const { onAttempt, onWorkerError, ...workerData } = options;
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let closed = false;

  const settle = (id: number, result: TickerResult | SymbolListResult): void => {
    const entry = pending.get(id);
    if (entry === undefined) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    entry.settle(result);
  };

  const endPending = (detail: string): void => {
    for (const id of [...pending.keys()]) settle(id, { kind: 'unreachable', detail, retryable: false });
  };

  const start = (): Worker => {
    const started = new Worker(workerScript, { workerData: workerData satisfies BinanceWorkerData });
    // The HTTP server keeps the process alive; an idle worker must not keep a finished test or drain alive.
    started.unref();
    started.on('message', (message: BinanceWorkerMessage) => {
      if (message.kind === 'attempt') onAttempt?.(message.attempt);
      else settle(message.id, message.result);
    });
    started.on('error', (error) => onWorkerError?.(error));
    started.on('exit', () => {
      if (worker === started) worker = undefined;
      endPending("The service's upstream worker stopped before Binance answered. Try again.");
    });
    return started;
  };
  // Started now, so the first request does not wait for a thread to boot.
  let worker: Worker | undefined = start();

  const send = <R extends TickerResult | SymbolListResult>(
    request: { readonly op: 'price'; readonly symbol: string } | { readonly op: 'symbols' },
    timeout: UpstreamFailure,
    timeoutMs: number,
  ): Promise<R> => {
    if (closed) {
      return Promise.resolve({
        kind: 'unreachable',
        detail: 'The service is shutting down and makes no more upstream calls.',
        retryable: false,
      } as R);
    }
    worker ??= start();
    const id = ++nextId;
    const answer = new Promise<R>((resolve) => {
      const timer = setTimeout(() => settle(id, timeout), timeoutMs);
      pending.set(id, { settle: resolve as (result: TickerResult | SymbolListResult) => void, timer });
    });
    worker.postMessage({ id, ...request } satisfies BinanceWorkerRequest);
    return answer;
  };

  return {
    fetchPrice: (symbol) =>
      send<TickerResult>(
        { op: 'price', symbol },
        {
          kind: 'timeout',
          detail: `Binance did not answer within ${options.timeoutMs} ms (UPSTREAM_TIMEOUT_MS). Try again shortly.`,
          retryable: false,
        },
        options.timeoutMs,
      ),
    fetchSymbols: () =>
      send<SymbolListResult>(
        { op: 'symbols' },
        {
          kind: 'timeout',
          detail: `Binance did not answer within ${EXCHANGE_INFO_TIMEOUT_MS} ms (the exchangeInfo timeout). Try again shortly.`,
          retryable: false,
        },
        EXCHANGE_INFO_TIMEOUT_MS,
      ),
    async close() {
      closed = true;
      endPending('The service is shutting down and makes no more upstream calls.');
      await worker?.terminate();
    },
  };
}
