import { describe, expect, it } from 'vitest';
import { parseProfiles, profileFor } from '../../src/aws/profiles.js';

/** The config's account names, as step 10 uses them: the networking and the workload account. */
const ACCOUNTS = { networking: '111111111111', workload: '222222222222' };

describe('--profile', () => {
  it('gives one profile to every account, or the default chain when absent', () => {
    const one = parseProfiles('moat-dev', ACCOUNTS);
    expect([profileFor(one, '111111111111'), profileFor(one, '222222222222')]).toEqual([
      'moat-dev',
      'moat-dev',
    ]);
    expect(profileFor(parseProfiles(undefined, ACCOUNTS), '111111111111')).toBeUndefined();
  });

  it("maps the config's account names, or account ids, each to its own profile (step 10 spans two accounts)", () => {
    const choice = parseProfiles('networking=net-admin,222222222222=app-admin', ACCOUNTS);
    expect([profileFor(choice, '111111111111'), profileFor(choice, '222222222222')]).toEqual([
      'net-admin',
      'app-admin',
    ]);
    expect(profileFor(choice, '333333333333')).toBeUndefined();
  });

  it('names an unknown account name and the names it knows', () => {
    expect(() => parseProfiles('network=net-admin', ACCOUNTS)).toThrow(
      '--profile "network=net-admin": "network" is neither an account id nor an account name; use networking, workload, a 12-digit account id',
    );
  });

  it('refuses a profile name with characters a profile cannot have', () => {
    expect(() => parseProfiles('workload=app admin', ACCOUNTS)).toThrow(
      '--profile "workload=app admin": "app admin" is not a profile name (letters, digits and _+=,.@- only)',
    );
  });
});
