import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseProfiles } from '../../src/aws/profiles.js';
import { runConfirm } from '../../src/run-confirm.js';
import { TEST_CREDENTIALS } from '../support/deploy-step.js';
import { type ReachabilityStub, startReachabilityStub } from '../support/reachability-stub.js';

/**
 * Step 2 runs the service on an EC2 instance: Reachability Analyzer takes an instance as a source and a
 * destination (https://docs.aws.amazon.com/vpc/latest/reachability/how-reachability-analyzer-works.html), so
 * the paths start or end at the instance moto's CloudFormation created; there is no ECS service to run the
 * probe task of, which the live verdict says.
 */
describe('runConfirm against step 2 (the service on an EC2 instance) deployed in moto', () => {
  const { assembly, moto } = inject('deployed')['2'];
  let stub: ReachabilityStub;
  beforeAll(async () => {
    stub = await startReachabilityStub(moto, assembly);
  });
  afterAll(() => stub.stop());

  it('asks RA about the paths from and to the instance, and runs no probe task', async () => {
    stub.setAnswer(() => ({ fixture: 'not-reachable.xml', az: 1 }));
    const before = stub.createdPaths.length;
    const result = await runConfirm({
      assemblyDir: assembly,
      profiles: parseProfiles(undefined, {}),
      settings: { endpoint: stub.endpoint, credentials: TEST_CREDENTIALS },
      flows: ['ingress', 'egress-allowed'],
      keep: false,
      entryUrl: 'http://127.0.0.1:1/',
      resolve: async (host) => (host === 'api.binance.com' ? '203.0.113.10' : undefined),
      approve: async () => true,
      progress: () => {},
      timing: { pollIntervalMs: 20, httpTimeoutMs: 1_000 },
    });
    const paths = stub.createdPaths.slice(before).map((path) => ({
      source: path.get('Source'),
      destination: path.get('Destination') ?? path.get('DestinationIp'),
      port: path.get('DestinationPort') ?? path.get('FilterAtSource.DestinationPortRange.FromPort'),
    }));
    expect(paths).toEqual([
      {
        source: expect.stringMatching(/^igw-\w+$/),
        destination: expect.stringMatching(/^i-\w+$/),
        port: '80',
      },
      { source: expect.stringMatching(/^i-\w+$/), destination: '203.0.113.10', port: '443' },
    ]);
    expect(paths[0]?.destination).toBe(paths[1]?.source);
    expect(result.probeTasks).toEqual([]);
    const egress = result.rows.find((row) => row.name === 'egress-allowed');
    expect(egress?.live).toEqual({
      kind: 'not run',
      reason:
        'the workload is an EC2 instance, and the probe runs as a one-off task of an ECS service: Reachability Analyzer alone checks the flows from it',
    });
    // The recorded answer says no path: RA decides the row, against Moat's ACCEPTED.
    expect(egress?.disagreements.map((d) => d.kind)).toEqual(['ra-not-reachable']);
  });
});
