// A stand-in for dist/upstream/binance-worker.js that takes every request and never answers, like a worker
// whose event loop is too busy to post its timeout in time.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => {});
