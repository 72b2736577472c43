import type { Subnet } from './types.js';

/**
 * Comparing the AZs of two places. AZ names are mapped to physical zones per account (in the oldest Regions,
 * for accounts created before November 2025); AZ IDs are the same zone in every account
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html). So two AZ IDs compare, two names
 * of one account compare, and anything else does not: an AZ ID and a name, or names of two accounts.
 *
 * A zone key (`Subnet.availabilityZone`) is an AZ ID (`euc1-az1`), an AZ name (`eu-central-1a`), or, in a network
 * that places subnets by the names of several accounts, a name with its account (`eu-central-1a@222222222222`).
 */
export type ZoneComparison = 'same' | 'different' | 'incomparable';

/** An AZ ID: the Region code's first letters and its number, `-az`, a number. */
export const AVAILABILITY_ZONE_ID = /^[a-z]{2,4}\d+-az\d+$/;

/** The account suffix of a name key, in a network whose subnets are placed by several accounts' names. */
const ACCOUNT_SEPARATOR = '@';

/** The frame a zone key is in: AZ IDs, or the names of one account. */
function frameOf(key: string): string {
  if (AVAILABILITY_ZONE_ID.test(key)) return 'id';
  const at = key.indexOf(ACCOUNT_SEPARATOR);
  return at < 0 ? 'name' : `name${key.slice(at)}`;
}

export function compareZones(a: string, b: string): ZoneComparison {
  if (frameOf(a) !== frameOf(b)) return 'incomparable';
  return a === b ? 'same' : 'different';
}

/** The key of an AZ name, qualified by its account when the network needs it. */
export function nameKey(name: string, account: string | undefined, qualified: boolean): string {
  return qualified ? `${name}${ACCOUNT_SEPARATOR}${account ?? 'an unknown account'}` : name;
}

/** In words, for reasons: "the AZ ID euc1-az1", "the AZ name eu-central-1a of account 222222222222". */
export function describeZone(key: string): string {
  if (AVAILABILITY_ZONE_ID.test(key)) return `the AZ ID ${key}`;
  const at = key.indexOf(ACCOUNT_SEPARATOR);
  return at < 0
    ? `the AZ name ${key}`
    : `the AZ name ${key.slice(0, at)} of account ${key.slice(at + ACCOUNT_SEPARATOR.length)}`;
}

/** Why two zone keys do not compare, naming the places they belong to. */
export function incomparableZones(what: string, key: string, other: string, otherKey: string): string {
  return `${what} is in ${describeZone(key)} and ${other} in ${describeZone(otherKey)}, which do not compare: AZ names are mapped to physical zones per account, AZ IDs are the same everywhere (https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html); place the subnets by AvailabilityZoneId`;
}

/** The subnets of `candidates` in the AZ `key`, or why that cannot be told. */
export function subnetsInZone(
  candidates: readonly Subnet[],
  key: string,
): { readonly same: readonly Subnet[]; readonly incomparable: readonly Subnet[] } {
  const known = candidates.flatMap((subnet) =>
    subnet.availabilityZone.known ? [{ subnet, zone: subnet.availabilityZone.value }] : [],
  );
  return {
    same: known.filter(({ zone }) => compareZones(zone, key) === 'same').map(({ subnet }) => subnet),
    incomparable: known
      .filter(({ zone }) => compareZones(zone, key) === 'incomparable')
      .map(({ subnet }) => subnet),
  };
}
