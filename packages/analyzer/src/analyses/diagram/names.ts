import type { Source } from '../../model/types.js';
import { displayName } from '../names.js';

/** `name` without `prefix` when it starts with it: a VPC's resources need not repeat the VPC's name. */
export const withoutPrefix = (name: string, prefix: string): string =>
  name.length > prefix.length && name.startsWith(prefix) ? name.slice(prefix.length) : name;

/**
 * CDK names subnets `<group>Subnet<n>/Subnet` under the VPC (logical id `<vpc><group>Subnet<n>Subnet<hash>`);
 * the group ("Public", "Firewall") is the tier a user chose.
 */
export const subnetName = (source: Source, vpcName: string): string => {
  const group =
    (source.constructPath ?? '')
      .split('/')
      .map((segment) => /^(.+?)Subnet\d+$/.exec(segment)?.[1])
      .findLast((match) => match !== undefined) ??
    /^(.+?)Subnet\d+(?:Subnet)?$/.exec(withoutPrefix(displayName(source), vpcName))?.[1];
  const name = group ?? displayName(source);
  return /subnet$/i.test(name) ? name : `${name} subnet`;
};
