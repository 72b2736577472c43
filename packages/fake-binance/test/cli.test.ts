import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/fake-binance.js', import.meta.url));

describe('fake-binance command', () => {
  it('serves prices on the port it prints, with prices from --price and the --weight-limit, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [bin, '--port', '0', '--price', 'SOLUSDT=187.25000000', '--weight-limit', '2'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(String(line))?.[1];
    expect(url).toBeDefined();
    const response = await fetch(`${url}/api/v3/ticker/price?symbol=SOLUSDT`);
    expect(await response.json()).toEqual({ symbol: 'SOLUSDT', price: '187.25000000' });
    expect((await fetch(`${url}/api/v3/ticker/price?symbol=SOLUSDT`)).status).toBe(429);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
  });

  it.each([
    [['--port', 'http'], '--port must be an integer from 0 to 65535, received "http"'],
    [['--weight-limit', '0'], '--weight-limit must be a positive integer (Binance\'s is 6000), received "0"'],
  ])('rejects %j with exit code 2 and a message naming the value', async (args, message) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += String(chunk);
    });
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
