/**
 * The worker thread behind createWorkerTickerClient: runs the undici ticker client and answers each
 * posted lookup with its TickerResult, after posting every upstream attempt for the metrics.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createTickerClient } from './ticker-client.js';
import type { TickerWorkerData, TickerWorkerMessage, TickerWorkerRequest } from './worker-ticker-client.js';

const port = parentPort;
if (port === null) throw new Error('ticker-worker.js runs as a worker thread of the price service');

const post = (message: TickerWorkerMessage): void => port.postMessage(message);
const client = createTickerClient({
  ...(workerData as TickerWorkerData),
  onAttempt: (result) => post({ kind: 'attempt', result }),
});

port.on('message', ({ id, symbol }: TickerWorkerRequest) => {
  void client.fetchPrice(symbol).then((result) => post({ kind: 'result', id, result }));
});
