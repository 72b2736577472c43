import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { type FakeBinance, startFakeBinance } from '@moat/fake-binance';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { PACKAGE_DIR, spawnService, startCommand } from './support/spawned.js';

let binance: FakeBinance | undefined;
afterEach(async () => {
  await binance?.close();
  binance = undefined;
});

describe('the service started with its start command', () => {
  it('drains on SIGTERM: readiness fails at once, 20 in-flight requests finish with 200, exit code 0', async () => {
    binance = await startFakeBinance();
    const symbols = Array.from({ length: 20 }, (_, i) => `COIN${i}USDT`);
    for (const symbol of symbols) binance.setPrice(symbol, `${i(symbol)}.00000000`);
    binance.script({ kind: 'delay', ms: 300 });
    const service = await spawnService({ BINANCE_BASE_URL: binance.url });
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

function i(symbol: string): number {
  return Number(/\d+/.exec(symbol)?.[0]);
}
