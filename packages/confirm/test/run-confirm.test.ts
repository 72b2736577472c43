import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseProfiles } from '../src/aws/profiles.js';
import type { Confirmation } from '../src/result/confirmation.js';
import { formatConfirmation } from '../src/result/format-confirmation.js';
import { runConfirm } from '../src/run-confirm.js';
import { TEST_CREDENTIALS } from './support/deploy-step.js';
import { playProbeContainers } from './support/fake-probe-container.js';
import { type LoopbackServers, startLoopbackServers } from './support/loopback-servers.js';
import { type ReachabilityStub, startReachabilityStub } from './support/reachability-stub.js';

const BINANCE_IP = '203.0.113.10';

describe('runConfirm against step 6 deployed in moto', () => {
  let stub: ReachabilityStub;
  let servers: LoopbackServers;
  const { assembly, moto } = inject('deployed')['6'];

  beforeAll(async () => {
    stub = await startReachabilityStub(moto, assembly);
    servers = await startLoopbackServers();
  });
  afterAll(async () => {
    await stub.stop();
    await servers.stop();
  });

  async function confirm(
    flows: string[],
    answers: Parameters<ReachabilityStub['setAnswer']>[0],
  ): Promise<{ result: Confirmation; progress: string[] }> {
    stub.setAnswer(answers);
    const container = playProbeContainers(moto, (probe) =>
      probe.host === 'api.binance.com'
        ? { address: '127.0.0.1', port: servers.open }
        : { address: '127.0.0.1', port: servers.silent },
    );
    const progress: string[] = [];
    try {
      const result = await runConfirm({
        assemblyDir: assembly,
        profiles: parseProfiles(undefined, {}),
        settings: { endpoint: stub.endpoint, credentials: TEST_CREDENTIALS },
        flows,
        keep: false,
        entryUrl: 'http://127.0.0.1:1/',
        resolve: async (host) => (host === 'api.binance.com' ? BINANCE_IP : undefined),
        approve: async () => true,
        progress: (message) => progress.push(message),
        timing: { pollIntervalMs: 50, perProbeTimeoutMs: 500, probeTimeoutMs: 30_000, httpTimeoutMs: 1_000 },
      });
      return { result, progress };
    } finally {
      await container.stop();
    }
  }

  const egressFrom = (path: URLSearchParams) => (path.get('DestinationIp') === BINANCE_IP ? path : undefined);

  it("agrees when RA takes the NAT of the task's own AZ and the probe completes its TLS handshake", async () => {
    const zoneOfSource = new Map<string, number>();
    const { result, progress } = await confirm(['egress-allowed'], (path) => {
      if (egressFrom(path) === undefined) return undefined;
      const source = path.get('Source') ?? '';
      if (!zoneOfSource.has(source)) zoneOfSource.set(source, zoneOfSource.size + 1);
      return { fixture: 'step6-egress-nat.xml', az: zoneOfSource.get(source) ?? 1 };
    });
    expect(
      result.rows.map((row) => [
        row.id,
        row.offline.disposition,
        row.reachability.kind,
        row.live.kind,
        row.status,
      ]),
    ).toEqual([
      [
        'egress-allowed PriceService0B9AD400 → api.binance.com:443/tcp @eu-central-1a',
        'ACCEPTED',
        'reachable',
        'got through',
        'agree',
      ],
      [
        'egress-allowed PriceService0B9AD400 → api.binance.com:443/tcp @eu-central-1b',
        'ACCEPTED',
        'reachable',
        'got through',
        'agree',
      ],
    ]);
    expect(result.stacks.map((stack) => [stack.stackName, stack.stackStatus])).toEqual(
      expect.arrayContaining([
        ['MoatNetwork', 'CREATE_COMPLETE'],
        ['MoatWorkload', 'CREATE_COMPLETE'],
        ['MoatSpokeRouting', 'CREATE_COMPLETE'],
      ]),
    );
    expect(stub.createdPaths.at(-1)?.get('DestinationPort')).toBe('443');
    expect(stub.createdPaths.at(-1)?.get('TagSpecification.1.Tag.1.Key')).toBe('moat:confirm');
    expect(progress).toContain('Reachability Analyzer: 0 of 2 analyses done (0 s)');
    expect(result.reachability.priceText).toMatch(/^2 Reachability Analyzer analyses × \$0\.10 = \$0\.20 /);
    expect(result.reachability.leftBehind).toEqual([]);
    expect(result.probeTasks.map((task) => [task.availabilityZone, task.failure])).toEqual([
      ['eu-central-1a', undefined],
      ['eu-central-1b', undefined],
    ]);
  });

  it("disagrees with both sides named when RA leaves the egress VPC through the other AZ's NAT gateway", async () => {
    const { result } = await confirm(['egress-allowed'], (path) =>
      egressFrom(path) ? { fixture: 'step6-egress-other-nat.xml', az: 1 } : undefined,
    );
    const row = result.rows.find((candidate) => candidate.availabilityZone === 'eu-central-1a');
    expect(row?.status).toBe('disagree');
    expect(row?.disagreements.map((d) => d.kind)).toEqual(['ra-different-hop']);
    expect(row?.disagreements[0]?.message).toMatch(
      /^the paths part at checkpoint 3: Moat: subnet MoatNetwork\/EgressVpc\/TransitSubnet1\/Subnet: route 0\.0\.0\.0\/0 → nat EgressVpcPublicSubnet1NATGatewayDD732E90 .*\[rtb-\w+\] \| RA: route table rtb-\w+: 0\.0\.0\.0\/0 → nat-\w+$/,
    );
    expect(row?.disagreements[0]?.source?.logicalId).toMatch(/^EgressVpcTransitSubnet1RouteTable/);
    expect(result.agree).toBe(false);
  });

  it('agrees that the task is closed to the internet when RA finds no path from the internet gateway', async () => {
    const { result } = await confirm(['direct-to-task'], () => ({ fixture: 'not-reachable.xml', az: 1 }));
    const [row] = result.rows;
    expect(stub.createdPaths.at(-1)?.get('Source')).toMatch(/^igw-/);
    expect(stub.createdPaths.at(-1)?.get('FilterAtSource.DestinationPortRange.FromPort')).toBe('8080');
    expect(row?.reachability).toEqual({
      kind: 'not reachable',
      explanation: expect.stringMatching(/^CANNOT_ROUTE at igw-\w+$/),
      blockedAt: expect.objectContaining({ type: 'AWS::EC2::InternetGateway' }),
    });
    expect(row?.status).toBe('agree');
    expect(formatConfirmation(result)).toMatch(
      /✓ {2}direct-to-task internet → PriceService0B9AD400:8080\/tcp +NOT_REACHABLE_FROM_INTERNET +not reachable +n\/a +yes/,
    );
  });

  it("points a path RA finds unreachable at the component RA names, not at the end of Moat's trace", async () => {
    const { result } = await confirm(['ingress'], () => ({ fixture: 'not-reachable.xml', az: 1 }));
    const [row] = result.rows;
    expect(row?.offline.disposition).toBe('ACCEPTED');
    const gateway = stub.createdPaths.at(-1)?.get('Source');
    expect(row?.reachability).toEqual({
      kind: 'not reachable',
      explanation: `CANNOT_ROUTE at ${gateway}`,
      blockedAt: expect.objectContaining({ type: 'AWS::EC2::InternetGateway' }),
    });
    // Moat's trace starts at that gateway and ends at the task: the finding points at the gateway.
    const disagreement = row?.disagreements.find((d) => d.kind === 'ra-not-reachable');
    expect(disagreement?.source).toEqual(
      row?.reachability.kind === 'not reachable' ? row.reachability.blockedAt : 'none',
    );
  });
});
