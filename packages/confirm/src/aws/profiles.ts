import { ConfirmError } from '../errors.js';

/**
 * `--profile P` (every account) or `--profile networking=P1,workload=P2` (one per account; step 10 spans
 * two). A key is an account id or a name the caller maps to one, such as the config's `networking`.
 */
export interface ProfileChoice {
  /** For every account not named in `byAccount`; undefined means the default credential chain. */
  readonly fallback?: string;
  readonly byAccount: ReadonlyMap<string, string>;
}

const PROFILE_NAME = /^[\w+=,.@-]+$/;

export function parseProfiles(
  text: string | undefined,
  accountNames: Readonly<Record<string, string>>,
): ProfileChoice {
  if (text === undefined) return { byAccount: new Map() };
  if (!text.includes('=')) return { fallback: checkName(text, text), byAccount: new Map() };
  const byAccount = new Map<string, string>();
  for (const part of text.split(',')) {
    const [key = '', profile = '', ...rest] = part.split('=');
    if (rest.length > 0 || key === '' || profile === '') {
      throw new ConfirmError(
        `--profile "${text}": "${part}" is not ACCOUNT=PROFILE; write --profile networking=P1,workload=P2, or one profile for every account`,
      );
    }
    const account = /^\d{12}$/.test(key) ? key : accountNames[key];
    if (account === undefined) {
      const names = Object.keys(accountNames);
      throw new ConfirmError(
        `--profile "${text}": "${key}" is neither an account id nor an account name; use ${[...names, 'a 12-digit account id'].join(', ')}`,
      );
    }
    byAccount.set(account, checkName(profile, text));
  }
  return { byAccount };
}

function checkName(profile: string, text: string): string {
  if (!PROFILE_NAME.test(profile)) {
    throw new ConfirmError(
      `--profile "${text}": "${profile}" is not a profile name (letters, digits and _+=,.@- only)`,
    );
  }
  return profile;
}

export const profileFor = (choice: ProfileChoice, account: string): string | undefined =>
  choice.byAccount.get(account) ?? choice.fallback;
