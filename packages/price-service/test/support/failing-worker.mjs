// A stand-in for dist/upstream/ticker-worker.js with a bug: it throws on its first lookup and dies.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => {
  throw new Error('bug in the worker');
});
