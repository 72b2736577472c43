import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAssembly } from '@moat/analyzer';
import { describe, expect, inject, it } from 'vitest';
import { parseProfiles } from '../../src/aws/profiles.js';
import { mapDeployment } from '../../src/deployment/map-deployment.js';
import { TEST_CREDENTIALS } from '../support/deploy-step.js';

const map = (assembly: string, moto: string) =>
  mapDeployment({
    assembly: loadAssembly(assembly),
    profiles: parseProfiles(undefined, {}),
    settings: { endpoint: moto, credentials: TEST_CREDENTIALS },
  });

/** A copy of an assembly whose manifest is edited: another account, or another stack name. */
function editedCopy(assembly: string, edit: (manifest: string) => string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'moat-confirm-edit-')), 'assembly');
  cpSync(assembly, copy, { recursive: true });
  const file = join(copy, 'manifest.json');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return copy;
}

describe('mapDeployment', () => {
  it.each(['4', '5'] as const)(
    'maps step %s in moto: the stack is complete and the service and load balancers have physical IDs',
    async (id) => {
      const { assembly, moto } = inject('deployed')[id];
      const deployment = await map(assembly, moto);
      expect(deployment.stacks.map((stack) => [stack.stackName, stack.stackStatus])).toEqual([
        ['MoatWorkload', 'CREATE_COMPLETE'],
      ]);
      expect(deployment.physicalId('MoatWorkload/PriceService0B9AD400')).toMatch(
        /^arn:aws:ecs:eu-central-1:111111111111:service\//,
      );
      expect(deployment.physicalId('MoatWorkload/AlbLoadBalancer44085B14')).toMatch(
        /^arn:aws:elasticloadbalancing:eu-central-1:111111111111:loadbalancer\//,
      );
      if (id === '5')
        expect(deployment.physicalId('MoatWorkload/InternalNlbLoadBalancer501AF2EA')).toMatch(
          /:loadbalancer\//,
        );
    },
  );

  it("rejects credentials of another account than the stack's, naming both and the fix", async () => {
    const { assembly, moto } = inject('deployed')['4'];
    const elsewhere = editedCopy(assembly, (manifest) =>
      manifest.replaceAll('aws://111111111111/', 'aws://222222222222/'),
    );
    await expect(map(elsewhere, moto)).rejects.toThrow(
      'stack MoatWorkload is deployed to account 222222222222, but the default credentials are for account 111111111111 (arn:aws:sts::111111111111:user/moto). Give that account its own profile: --profile 222222222222=PROFILE (or networking=P1,workload=P2)',
    );
  });

  it('reports a stack that is not deployed first, as an error with the fix', async () => {
    const { assembly, moto } = inject('deployed')['4'];
    const renamed = editedCopy(assembly, (manifest) =>
      manifest.replace(
        '"templateFile": "MoatWorkload.template.json"',
        '"templateFile": "MoatWorkload.template.json", "stackName": "MoatWorkloadElsewhere"',
      ),
    );
    const deployment = await map(renamed, moto);
    expect(deployment.stacks[0]).toMatchObject({
      stackName: 'MoatWorkloadElsewhere',
      state: 'error',
      notes: [expect.stringMatching(/^not deployed in account 111111111111 eu-central-1: deploy the step/)],
    });
  });
});
