import { parseArgs } from 'node:util';
import { DEFAULT_PRICES, startFakeBinance } from './fake-binance.js';

const USAGE = `Usage: fake-binance [--port 9090] [--host 127.0.0.1] [--price BTCUSDT=43123.45000000 ...]
                    [--weight-limit 6000]

Serves GET /api/v3/ticker/price?symbol=… and GET /api/v3/exchangeInfo like Binance, on loopback, with
Binance's per-IP request-weight limit (429 above it, 418 for calls that ignore the 429).
Script faults while it runs:
  curl -X POST localhost:9090/__fake/faults -d '{"fault":{"kind":"delay","ms":5000},"times":1}'
  curl -X POST localhost:9090/__fake/faults -d '{"fault":{"kind":"server-error"},"endpoint":"exchangeInfo"}'
  curl -X DELETE localhost:9090/__fake/faults
  curl localhost:9090/__fake/calls
  curl localhost:9090/__fake/stats`;

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

function parseWeightLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const limit = Number(text);
  if (!/^\d+$/.test(text) || limit < 1) {
    fail(`--weight-limit must be a positive integer (Binance's is 6000), received "${text}"`);
  }
  return limit;
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

let values: { port?: string; host?: string; price?: string[]; 'weight-limit'?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      price: { type: 'string', multiple: true },
      'weight-limit': { type: 'string' },
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
  weightLimitPerMinute: parseWeightLimit(values['weight-limit']),
});
process.stdout.write(`fake-binance listening on ${fake.url}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    fake.close().then(() => process.exit(0));
  });
}
