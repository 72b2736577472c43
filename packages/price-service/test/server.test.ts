import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { type FakeBinance, startFakeBinance } from '@moat/fake-binance';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { killSpawnedServices, PACKAGE_DIR, spawnService, startCommand } from './support/spawned.js';

let binance: FakeBinance | undefined;
afterEach(async () => {
  killSpawnedServices();
  await binance?.close();
  binance = undefined;
});

describe('the service started with its start command', () => {
  it('drains on SIGTERM: readiness fails at once, 20 in-flight requests finish with 200, exit code 0', async () => {
    binance = await startFakeBinance();
    const symbols = Array.from({ length: 20 }, (_, i) => `COIN${i}USDT`);
    for (const symbol of symbols) binance.setPrice(symbol, `${i(symbol)}.00000000`);
    binance.script({ kind: 'delay', ms: 300 });
    // One client asks for 20 symbols at once: its share of the budget must cover them all.
    const service = await spawnService({
      BINANCE_BASE_URL: binance.url,
      UPSTREAM_CLIENT_SHARE_PERCENT: '100',
    });
    const client = new Agent({ connections: 32 });

    const inFlight = symbols.map((symbol) =>
      request(`${service.url}/price?symbol=${symbol}`, { dispatcher: client }).then(async (r) => ({
        status: r.statusCode,
        body: (await r.body.json()) as { symbol: string; price: string },
      })),
    );
    // All 20 have reached Binance, so all 20 are in flight inside the service.
    await expect.poll(() => binance?.calls(), { interval: 10, timeout: 2_000 }).toBe(20);

    service.child.kill('SIGTERM');
    await service.waitForLog('draining');
    const readiness = await fetch(`${service.url}/readyz`).then(
      (r) => r.status,
      (error: unknown) => (error as { cause?: { code?: string } }).cause?.code,
    );
    expect(readiness).not.toBe(200);
    expect([503, 'ECONNREFUSED']).toContain(readiness);

    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual(symbols.map(() => 200));
    expect(answers.map((a) => a.body.symbol)).toEqual(symbols);
    expect(await service.exitCode()).toBe(0);
    await client.close();
  });

  it('keeps connections alive longer than the ALB idle timeout', async () => {
    binance = await startFakeBinance();
    const service = await spawnService({ BINANCE_BASE_URL: binance.url });
    const response = await fetch(`${service.url}/healthz`);
    expect(response.headers.get('keep-alive')).toBe('timeout=65');
    service.child.kill('SIGTERM');
    expect(await service.exitCode()).toBe(0);
  });

  it('rejects an invalid config with exit code 1 and a message naming each variable and value', async () => {
    const [, ...args] = startCommand();
    const child = spawn(process.execPath, args, {
      cwd: PACKAGE_DIR,
      env: { PATH: process.env.PATH ?? '', PORT: 'eighty', BINANCE_BASE_URL: 'api.binance.com' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += String(chunk);
    });
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(stderr).toBe(
      [
        'price-service: invalid configuration (fix these environment variables and start again):',
        '  PORT="eighty": must be an integer from 0 to 65535',
        '  BINANCE_BASE_URL="api.binance.com": must be an absolute http:// or https:// URL',
        '',
      ].join('\n'),
    );
  });
});

describe('the drain on SIGTERM, whatever the open connections do', () => {
  const sockets: Socket[] = [];
  const timers: NodeJS.Timeout[] = [];
  afterEach(() => {
    for (const timer of timers.splice(0)) clearInterval(timer);
    for (const socket of sockets.splice(0)) socket.destroy();
  });

  /** A raw connection, and a promise settled when the service closes it. */
  async function open(url: string): Promise<{ socket: Socket; gone: Promise<void> }> {
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('error', () => {});
    const gone = once(socket, 'close').then(() => undefined);
    await once(socket, 'connect');
    sockets.push(socket);
    return { socket, gone };
  }

  it('closes an idle keep-alive connection, a silent socket, a half-sent request and 20 slowloris sockets, answers the request in flight, and exits 0 within the shutdown timeout', async () => {
    binance = await startFakeBinance();
    // Five seconds: a drain that waited for any of these sockets would overrun it and exit 1.
    const service = await spawnService({ BINANCE_BASE_URL: binance.url, SHUTDOWN_TIMEOUT_MS: '5000' });

    const idle = await open(service.url);
    idle.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await once(idle.socket, 'data');
    const silent = await open(service.url);
    const halfSent = await open(service.url);
    halfSent.socket.write('GET /price?symbol=BTCUSDT HTTP/1.1\r\nHost: x\r\n');
    const slowloris = await Promise.all(Array.from({ length: 20 }, () => open(service.url)));
    for (const [index, { socket }] of slowloris.entries()) {
      socket.write('GET /price?symbol=ETHUSDT HTTP/1.1\r\n');
      let header = 0;
      timers.push(setInterval(() => socket.write(`X-Slow-${index}-${header++}: a\r\n`), 200));
    }
    binance.script({ kind: 'delay', ms: 400 }, 1);
    const inFlight = await open(service.url);
    let answer = '';
    inFlight.socket.on('data', (chunk: Buffer) => {
      answer += String(chunk);
    });
    inFlight.socket.write('GET /price?symbol=BNBUSDT HTTP/1.1\r\nHost: x\r\n\r\n');
    await expect.poll(() => binance?.calls('BNBUSDT'), { interval: 10, timeout: 2_000 }).toBe(1);

    service.child.kill('SIGTERM');
    await Promise.all([idle, silent, halfSent, ...slowloris, inFlight].map(({ gone }) => gone));
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).toContain('\r\nconnection: close\r\n');
    expect(answer).toContain('"symbol":"BNBUSDT"');
    expect(await service.exitCode()).toBe(0);
    expect(service.logs.map((line) => line.msg)).toContain('drained');
  });

  it('answers every request pipelined on one connection when SIGTERM arrives with the first in flight, then closes it and exits 0', async () => {
    binance = await startFakeBinance();
    const service = await spawnService({ BINANCE_BASE_URL: binance.url, SHUTDOWN_TIMEOUT_MS: '5000' });
    // Loaded: NOPEUSDT is then answered from the list, with no call that could take a delay.
    await service.waitForLog('symbol list loaded');
    binance.script({ kind: 'delay', ms: 400 }, 2);
    const pipelined = await open(service.url);
    let text = '';
    pipelined.socket.on('data', (chunk: Buffer) => {
      text += String(chunk);
    });
    // One write: the four requests reach the service together. HTTP/1.1 answers a connection's requests in
    // order, so the two answered at once from memory wait behind the first, which waits for Binance.
    pipelined.socket.write(
      [
        'GET /price?symbol=BNBUSDT HTTP/1.1\r\nHost: x\r\n\r\n',
        'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
        'GET /price?symbol=NOPEUSDT HTTP/1.1\r\nHost: x\r\nX-Request-Id: third\r\n\r\n',
        'GET /price?symbol=ETHUSDT HTTP/1.1\r\nHost: x\r\n\r\n',
      ].join(''),
    );
    await expect
      .poll(() => [binance?.calls('BNBUSDT'), binance?.calls('ETHUSDT')], { interval: 10, timeout: 2_000 })
      .toEqual([1, 1]);

    service.child.kill('SIGTERM');
    await pipelined.gone;
    const answers = text.split(/(?=HTTP\/1\.1 )/);
    expect(answers.map((answer) => /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1])).toEqual([
      '200',
      '200',
      '404',
      '200',
    ]);
    expect(answers[0]).toContain('"symbol":"BNBUSDT"');
    expect(answers[1]).toContain('{"status":"ok"}');
    expect(answers[2]).toContain('\r\nx-request-id: third\r\n');
    expect(answers[2]).toContain('"type":"https://moat.dev/problems/unknown-symbol"');
    expect(answers[3]).toContain('"symbol":"ETHUSDT"');
    // Only the last answer says the connection ends: a client takes a close as "the requests after this
    // one were not answered".
    expect(answers.map((answer) => answer.includes('\r\nconnection: close\r\n'))).toEqual([
      false,
      false,
      false,
      true,
    ]);
    expect(await service.exitCode()).toBe(0);
  });
});

function i(symbol: string): number {
  return Number(/\d+/.exec(symbol)?.[0]);
}
