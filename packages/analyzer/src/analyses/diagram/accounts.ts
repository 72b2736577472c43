import type { Resolved, StackInfo } from '../../model/types.js';

const unknownValue: Resolved<string> = { known: false, reason: 'stack not listed in the model' };

export interface AccountGroup {
  /** The account id, when the templates set it. */
  readonly account?: string;
  readonly label: string;
  readonly stacks: ReadonlySet<string>;
}

/**
 * Stacks whose account is not in the templates (plain CloudFormation) share one box: it is the deploying
 * account. So do elements of a stack the model does not list, rather than vanish from the picture.
 */
export const groupStacksByAccount = (
  stacks: readonly StackInfo[],
  drawnStacks: readonly string[],
): AccountGroup[] => {
  const listed = new Set(stacks.map((s) => s.name));
  const unlisted = [...new Set(drawnStacks)]
    .filter((stack) => !listed.has(stack))
    .map((name): StackInfo => ({ name, account: unknownValue, region: unknownValue }));
  const groups = new Map<string, StackInfo[]>();
  for (const stack of [...stacks, ...unlisted].sort((a, b) => a.name.localeCompare(b.name, 'en'))) {
    const key = stack.account.known ? stack.account.value : '';
    groups.set(key, [...(groups.get(key) ?? []), stack]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en'))
    .map(([account, members]) => {
      const regions = new Set(members.map((s) => (s.region.known ? s.region.value : '')));
      const [region] = regions;
      const where = regions.size === 1 && region ? ` · ${region}` : '';
      return {
        ...(account ? { account } : {}),
        label: account ? `AWS account ${account}${where}` : `AWS account (not set in the templates)${where}`,
        stacks: new Set(members.map((s) => s.name)),
      };
    });
};
