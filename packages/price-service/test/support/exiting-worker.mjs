// A stand-in for dist/upstream/ticker-worker.js that dies on its first lookup, as a crashed worker would.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => process.exit(3));
