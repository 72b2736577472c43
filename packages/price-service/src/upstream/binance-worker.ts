/**
 * The worker thread behind createWorkerBinanceClient: runs the undici Binance client and answers each posted
 * request with its result, after posting every upstream attempt (metrics, and the request thread's budget).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createBinanceClient } from './binance-client.js';
import type {
  BinanceWorkerData,
  BinanceWorkerMessage,
  BinanceWorkerRequest,
} from './worker-binance-client.js';

const port = parentPort;
if (port === null) throw new Error('binance-worker.js runs as a worker thread of the price service');

const post = (message: BinanceWorkerMessage): void => port.postMessage(message);
const client = createBinanceClient({
  ...(workerData as BinanceWorkerData),
  onAttempt: (attempt) => post({ kind: 'attempt', attempt }),
});

port.on('message', (request: BinanceWorkerRequest) => {
  const result = request.op === 'price' ? client.fetchPrice(request.symbol) : client.fetchSymbols();
  void result.then((settled) => post({ kind: 'result', id: request.id, result: settled }));
});
