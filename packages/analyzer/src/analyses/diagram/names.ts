import type { Source } from '../../model/types.js';

/**
 * What a person calls an element: the id they gave the construct, recovered from the construct path or, in
 * templates without path metadata, from the CDK logical id.
 */

/**
 * Ids CDK gives the L1 resource under the construct a user created (`Resource` in most L2s, `Service` in ECS
 * services, `IGW` and `NATGateway` in VPCs); the user's own id is the segment above.
 */
const generatedLeafIds = new Set(['Resource', 'Default', 'Service', 'IGW', 'NATGateway']);

/** Of those, the ones that survive into logical ids (CDK drops `Resource` and `Default` there itself). */
const generatedLogicalSuffixes = ['IGW', 'NATGateway'];

/** A CDK logical id is the path's ids run together plus an 8-hex-digit hash of the path; this drops the hash. */
const withoutCdkHash = (logicalId: string): string => /^(.+)[0-9A-F]{8}$/.exec(logicalId)?.[1] ?? logicalId;

/**
 * The name a user gave: the construct path's last segment that CDK did not generate; without path metadata,
 * the logical id without CDK's hash and generated suffix (`IngressVpcE8D75C19` → `IngressVpc`).
 */
export const displayName = (source: Source): string => {
  const segments = (source.constructPath ?? '').split('/');
  // CDK adds one L1 below the user's construct, so one generated id at most is dropped.
  if (generatedLeafIds.has(segments.at(-1) ?? '')) segments.pop();
  // The first segment is the stack; a path with nothing below it names no construct.
  if (segments.length > 1) return segments.at(-1) ?? source.logicalId;
  const id = withoutCdkHash(source.logicalId);
  const suffix = generatedLogicalSuffixes.find((leaf) => id.endsWith(leaf) && id.length > leaf.length);
  return suffix ? id.slice(0, -suffix.length) : id;
};

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
