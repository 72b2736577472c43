import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { cdkContextFor, validateConfig } from '../../src/config/index.js';

function config(input: object) {
  const result = validateConfig(input);
  if (!result.ok) throw new Error('test config must be valid');
  return result.config;
}

describe('cdkContextFor', () => {
  const moat = config({
    region: 'eu-west-1',
    availabilityZones: ['eu-west-1b', 'eu-west-1c'],
    accounts: { networking: '123456789012', workload: '210987654321' },
  });

  it('seeds the AZ lookup of both accounts', () => {
    expect(cdkContextFor(moat)).toEqual({
      'availability-zones:account=123456789012:region=eu-west-1': ['eu-west-1b', 'eu-west-1c'],
      'availability-zones:account=210987654321:region=eu-west-1': ['eu-west-1b', 'eu-west-1c'],
    });
  });

  it('answers stack.availabilityZones instead of the dummy AZs of a missing lookup', () => {
    const app = new App({ context: cdkContextFor(moat) });
    const stacks = [moat.accounts.networking, moat.accounts.workload].map(
      (account) => new Stack(app, `Stack${account}`, { env: { account, region: moat.region } }),
    );
    expect(stacks.map((stack) => stack.availabilityZones)).toEqual([
      ['eu-west-1b', 'eu-west-1c'],
      ['eu-west-1b', 'eu-west-1c'],
    ]);
  });
});
