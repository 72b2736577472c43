/**
 * What `Fn::GetAZs` returns, per Region, for the Regions Moat has a table for.
 *
 * `Fn::GetAZs` lists the Availability Zones of a Region "in alphabetical order", only those with a default
 * subnet unless none has one (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getavailabilityzones.html).
 * An AZ's code is the Region code followed by a letter; the number of AZs per Region is the number of AZ IDs
 * the AWS Regions and Availability Zones guide lists for it
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html, read 2026-12-04).
 * In the oldest Regions AWS maps codes to zones independently per account for accounts created before November
 * 2025 (https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html): the codes are the same
 * letters, what they stand for differs. So Moat knows the list's names and order, not which physical zone a
 * name is, and assumes every AZ has a default subnet (or none has); `GETAZS_ASSUMPTION` says so where it is used.
 * A Region missing here leaves `Fn::GetAZs` unknown.
 */
const ZONE_COUNT: Readonly<Record<string, number>> = {
  'us-east-1': 6,
  'us-east-2': 3,
  'us-west-2': 4,
  'eu-west-1': 3,
  'eu-central-1': 3,
};

export const AVAILABILITY_ZONES_SOURCE =
  "Moat's AZ table (analyzer/src/cfn/availability-zones.ts, from the AWS Regions and Availability Zones guide read 2026-12-04)";

export const GETAZS_ASSUMPTION = (region: string, zones: readonly string[]): string =>
  `Fn::GetAZs '${region}' is taken as [${zones.join(', ')}] (${AVAILABILITY_ZONES_SOURCE}); an account sees only the AZs with a default subnet if any has one, and an account created before November 2025 may see fewer codes in the oldest Regions`;

/** The AZ names `Fn::GetAZs` returns for `region`, or undefined when the table has no entry for it. */
export function availabilityZonesOf(region: string): readonly string[] | undefined {
  const count = ZONE_COUNT[region];
  if (count === undefined) return undefined;
  return Array.from({ length: count }, (_, index) => `${region}${String.fromCharCode(97 + index)}`);
}
