import { parseArgs } from 'node:util';
import { DEFAULT_PRICES, startFakeBinance } from './fake-binance.js';

const USAGE = `Usage: fake-binance [--port 9090] [--host 127.0.0.1] [--price BTCUSDT=43123.45000000 ...]

Serves GET /api/v3/ticker/price?symbol=… like Binance, on loopback.
Script faults while it runs:
  curl -X POST localhost:9090/__fake/faults -d '{"fault":{"kind":"delay","ms":5000},"times":1}'
  curl -X DELETE localhost:9090/__fake/faults
  curl localhost:9090/__fake/calls`;

/** Exit code 2 for bad usage, so scripts can tell it from a crash. */
function fail(message: string): never {
  process.stderr.write(`fake-binance: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535)
    fail(`--port must be an integer from 0 to 65535, received "${text}"`);
  return port;
}

function parsePrices(entries: readonly string[]): Record<string, string> {
  const prices: Record<string, string> = { ...DEFAULT_PRICES };
  for (const entry of entries) {
    const match = /^([A-Z0-9\-_.]{1,20})=(\d+(?:\.\d+)?)$/.exec(entry);
    if (match?.[1] === undefined || match[2] === undefined) {
      fail(`--price must look like SYMBOL=DECIMAL (e.g. BTCUSDT=43123.45000000), received "${entry}"`);
    }
    prices[match[1]] = match[2];
  }
  return prices;
}

let values: { port?: string; host?: string; price?: string[]; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      price: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (values.help === true) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const fake = await startFakeBinance({
  port: parsePort(values.port),
  host: values.host ?? '127.0.0.1',
  prices: parsePrices(values.price ?? []),
});
process.stdout.write(`fake-binance listening on ${fake.url}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    fake.close().then(() => process.exit(0));
  });
}
