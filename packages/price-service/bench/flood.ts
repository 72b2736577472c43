/**
 * The attack of issue 12: 20,000 requests for random, valid-looking symbols. With the symbol list on the
 * request path every one is answered 404 from memory; Binance sees only the exchangeInfo fetches.
 */
import { randomInt } from 'node:crypto';
import { startFakeBinance } from '@moat/fake-binance';
import autocannon from 'autocannon';
import { startProcess, stop } from './processes.js';

const REQUESTS = 20_000;
const CONNECTIONS = 64;
/** About as many symbols as Binance trades, so the list and its exchangeInfo are realistically large. */
const LISTED_SYMBOLS = 2_000;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export async function flood(): Promise<string[]> {
  const listed = Object.fromEntries(
    Array.from({ length: LISTED_SYMBOLS }, (_, i) => [`L${i}USDT`, '1.00000000']),
  );
  const binance = await startFakeBinance({ prices: listed });
  const service = await startProcess(['dist/server.js'], { BINANCE_BASE_URL: binance.url }, '/readyz');
  const before = binance.stats();
  const statuses = new Map<number, number>();
  const started = performance.now();
  await autocannon({
    url: service.url,
    connections: CONNECTIONS,
    amount: REQUESTS,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          path: `/price?symbol=${Array.from({ length: 6 }, () => LETTERS[randomInt(26)]).join('')}USDT`,
        }),
      },
    ],
    setupClient: (client) =>
      client.on('response', (status) => statuses.set(status, (statuses.get(status) ?? 0) + 1)),
  });
  const seconds = (performance.now() - started) / 1000;
  const after = binance.stats();
  await stop(service.child);
  await binance.close();
  const tickerCalls = after.tickerCalls - before.tickerCalls;
  const exchangeInfoCalls = after.exchangeInfoCalls - before.exchangeInfoCalls;
  const answers = [...statuses].map(([status, count]) => `${status} x${count}`).join(', ');
  return [
    `flood: ${REQUESTS} requests for random symbols, ${CONNECTIONS} connections, ${LISTED_SYMBOLS} symbols listed: ${answers} in ${seconds.toFixed(1)} s`,
    `upstream calls during the flood: ticker ${tickerCalls} (bar: 0) ${tickerCalls === 0 ? 'met' : 'NOT MET'}, exchangeInfo ${exchangeInfoCalls} (bar: none beyond the 1 at start, the next is due in 300 s) ${exchangeInfoCalls === 0 ? 'met' : 'NOT MET'}`,
  ];
}
