import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadAssembly } from '@moat/analyzer';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseProfiles } from '../../src/aws/profiles.js';
import { mapDeployment } from '../../src/deployment/map-deployment.js';
import { checkEntry, entryUrl } from '../../src/live/http-entry.js';
import { runConfirm } from '../../src/run-confirm.js';
import { TEST_CREDENTIALS } from '../support/deploy-step.js';
import { type ReachabilityStub, startReachabilityStub } from '../support/reachability-stub.js';

/**
 * What the public entry of a step can answer, played by a loopback server: the price service's answer (SPEC
 * "Price service contract": 200, `{"symbol","price"}` with the price as a decimal string), the service's own
 * problem+json error, a load balancer's HTML error page, and a page that is not the price.
 */
const ANSWERS: Readonly<Record<string, { status: number; type: string; body: string }>> = {
  '/ok': { status: 200, type: 'application/json', body: '{"symbol":"BTCUSDT","price":"97123.45000000"}' },
  '/not-price': { status: 200, type: 'text/html', body: '<html>\n  <body>It works!</body>\n</html>' },
  '/alb-502': {
    status: 502,
    type: 'text/html',
    body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>',
  },
  '/service-502': {
    status: 502,
    type: 'application/problem+json',
    body: '{"type":"about:blank","title":"Upstream unavailable","status":502}',
  },
};

describe('the HTTP check through the public entry', () => {
  let server: Server;
  let base: string;
  let closedPort: number;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const answer = ANSWERS[(request.url ?? '').replace(/\/price\?.*$/, '')];
      if (answer === undefined) response.writeHead(404).end();
      else response.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it.each([
    ['/ok', 'got-through', '200, BTCUSDT at 97123.45000000'],
    ['/not-price', 'wrong-answer', '200 without a BTCUSDT price: <html> <body>It works!</body> </html>'],
    [
      '/alb-502',
      'blocked',
      '502 from the entry, not from the service: <html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad Gateway</h1></center> </body> </html>',
    ],
    [
      '/service-502',
      'wrong-answer',
      '502 from the service itself: {"type":"about:blank","title":"Upstream unavailable","status":502}',
    ],
  ])('GET %s/price: %s, saying what came back', async (path, outcome, detail) => {
    const url = `${base}${path}/price?symbol=BTCUSDT`;
    expect(await checkEntry(url, 2_000)).toEqual({ url, outcome, detail });
  });

  it('is blocked when nothing answers, naming the error', async () => {
    const url = `http://127.0.0.1:${closedPort}/price?symbol=BTCUSDT`;
    expect(await checkEntry(url, 2_000)).toEqual({
      url,
      outcome: 'blocked',
      detail: 'no answer: ECONNREFUSED',
    });
  });

  describe('in moat confirm, against step 4 deployed in moto', () => {
    const { assembly, moto } = inject('deployed')['4'];
    let stub: ReachabilityStub;
    beforeAll(async () => {
      stub = await startReachabilityStub(moto, assembly);
    });
    afterAll(() => stub.stop());

    it("takes the URL from the stack output that names the ALB: its DNS name as moto's CloudFormation gave it", async () => {
      const deployment = await mapDeployment({
        assembly: loadAssembly(assembly),
        profiles: parseProfiles(undefined, {}),
        settings: { endpoint: moto, credentials: TEST_CREDENTIALS },
      });
      const flow = {
        from: { kind: 'internet' },
        to: { kind: 'entry', id: 'MoatWorkload/AlbLoadBalancer44085B14' },
        protocol: 'tcp',
        port: 80,
      } as const;
      const url = entryUrl(loadAssembly(assembly), deployment, flow);
      expect(url).toMatch(/^http:\/\/[\w.-]+\.elb\.amazonaws\.com\/price\?symbol=BTCUSDT$/);
      expect(url).toContain(deployment.outputs('MoatWorkload').AlbPriceUrl48307BC4);
    });

    const confirmIngress = (entry: string) => {
      // The stub serves no recorded answer for these paths (their analyses fail), so the HTTP check alone
      // decides the rows.
      stub.setAnswer(() => undefined);
      return runConfirm({
        assemblyDir: assembly,
        profiles: parseProfiles(undefined, {}),
        settings: { endpoint: stub.endpoint, credentials: TEST_CREDENTIALS },
        flows: ['ingress'],
        keep: false,
        entryUrl: entry,
        approve: async () => true,
        progress: () => {},
        timing: { pollIntervalMs: 20, httpTimeoutMs: 2_000 },
      });
    };

    it('agrees when the entry answers 200 with a price', async () => {
      const result = await confirmIngress(`${base}/ok/`);
      expect(result.entry).toEqual({
        url: `${base}/ok/price?symbol=BTCUSDT`,
        outcome: 'got-through',
        detail: '200, BTCUSDT at 97123.45000000',
      });
      expect(result.rows.map((row) => [row.name, row.live.kind, row.status])).toEqual([
        ['ingress', 'got through', 'agree'],
        ['ingress', 'got through', 'agree'],
      ]);
    });

    it('disagrees, quoting the body, when the entry answers 200 without a price', async () => {
      const result = await confirmIngress(`${base}/not-price/`);
      const [row] = result.rows;
      expect(row?.status).toBe('disagree');
      expect(row?.disagreements).toEqual([
        {
          check: 'live-probe',
          kind: 'entry-wrong-answer',
          message:
            'the entry answered 200 without a BTCUSDT price: <html> <body>It works!</body> </html>, where the guide expects 200 and a price',
          source: expect.objectContaining({ logicalId: 'PriceService0B9AD400' }),
        },
      ]);
      expect(result.agree).toBe(false);
    });

    it("disagrees, naming the status and the load balancer's page, when the entry answers 502 itself", async () => {
      const result = await confirmIngress(`${base}/alb-502/`);
      expect(result.rows[0]?.disagreements.map((d) => [d.kind, d.message])).toEqual([
        [
          'probe-blocked',
          `the probe was stopped (GET ${base}/alb-502/price?symbol=BTCUSDT: 502 from the entry, not from the service: <html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad Gateway</h1></center> </body> </html>) where Moat says ACCEPTED`,
        ],
      ]);
    });
  });
});
