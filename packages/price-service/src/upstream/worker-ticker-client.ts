import { Worker } from 'node:worker_threads';
import type { TickerClient, TickerClientOptions } from './ticker-client.js';
import type { TickerResult } from './ticker-result.js';

/** What the worker is started with: the client's options, less the callback that cannot cross threads. */
export type TickerWorkerData = Omit<TickerClientOptions, 'onAttempt'>;

/** A lookup sent to the worker. */
export interface TickerWorkerRequest {
  readonly id: number;
  readonly symbol: string;
}

/** What the worker sends back: each upstream attempt as it ends (for metrics), then the lookup's result. */
export type TickerWorkerMessage =
  | { readonly kind: 'attempt'; readonly result: TickerResult }
  | { readonly kind: 'result'; readonly id: number; readonly result: TickerResult };

export interface WorkerTickerClientOptions extends TickerClientOptions {
  /**
   * Called with an error the worker thread did not catch (a bug: the client never throws). It goes to the
   * log, not to clients: the lookups the worker had in hand end as `unreachable` with a plain detail.
   */
  readonly onWorkerError?: (error: Error) => void;
}

/** The compiled worker script next to this module (dist/upstream/ticker-worker.js). */
const COMPILED_WORKER = new URL('./ticker-worker.js', import.meta.url);

/**
 * The ticker client (ticker-client.ts: undici, timeouts, the retry) run in a worker thread; the request
 * thread only posts a symbol and gets a TickerResult back. TLS handshakes and upstream parsing stay off the
 * thread that answers requests, and, measured on the cached path, V8 keeps the request thread's
 * process.nextTick fast: with undici serving lookups in the same isolate, the feedback for
 * Node's tick-object literal goes megamorphic after the first request, and each of the dozen nextTick calls
 * Node's HTTP server makes per request then goes through the V8 runtime (see the package README, Figures).
 *
 * Like createTickerClient it never rejects. If the worker dies, its pending lookups end as `unreachable`
 * failures and the next lookup starts a new worker.
 */
export function createWorkerTickerClient(
  options: WorkerTickerClientOptions,
  workerScript: URL = COMPILED_WORKER,
): TickerClient {
  const { onAttempt, onWorkerError, ...workerData } = options;
  const pending = new Map<number, (result: TickerResult) => void>();
  let nextId = 0;
  let closed = false;

  const endPending = (detail: string): void => {
    for (const resolve of pending.values()) resolve({ kind: 'unreachable', detail, retryable: false });
    pending.clear();
  };

  const start = (): Worker => {
    const started = new Worker(workerScript, { workerData: workerData satisfies TickerWorkerData });
    // The HTTP server keeps the process alive; an idle worker must not keep a finished test or drain alive.
    started.unref();
    started.on('message', (message: TickerWorkerMessage) => {
      if (message.kind === 'attempt') {
        onAttempt?.(message.result);
        return;
      }
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    });
    started.on('error', (error) => onWorkerError?.(error));
    started.on('exit', () => {
      if (worker === started) worker = undefined;
      endPending("The service's upstream worker stopped before Binance answered. Try again.");
    });
    return started;
  };
  // Started now, so the first lookup does not wait for a thread to boot.
  let worker: Worker | undefined = start();

  return {
    fetchPrice(symbol) {
      if (closed) {
        return Promise.resolve({
          kind: 'unreachable',
          detail: 'The service is shutting down and makes no more upstream calls.',
          retryable: false,
        });
      }
      worker ??= start();
      const id = ++nextId;
      const request: TickerWorkerRequest = { id, symbol };
      const answer = new Promise<TickerResult>((resolve) => pending.set(id, resolve));
      worker.postMessage(request);
      return answer;
    },
    async close() {
      closed = true;
      await worker?.terminate();
    },
  };
}
