import { CfnParameter } from 'aws-cdk-lib';
import * as ram from 'aws-cdk-lib/aws-ram';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';

/**
 * The values that cross stacks, as SSM parameters: written by one stack (`AWS::SSM::Parameter`), read by
 * another as an `AWS::SSM::Parameter::Value<String>` template parameter. Never `Fn::ImportValue`: an
 * export pins the producer and cannot cross accounts.
 */
export const SHARED_PARAMETER = {
  transitGatewayId: '/moat/network/transit-gateway-id',
  spokeRouteTableId: '/moat/network/spoke-route-table-id',
  /**
   * The TGW route table the spokes propagate their return routes into: the egress attachment's, or, with the
   * firewall attached to the TGW (`egress.firewall.attachment: transit-gateway`), the firewall attachment's.
   */
  egressRouteTableId: '/moat/network/egress-route-table-id',
  containerAttachmentId: '/moat/workload/container-attachment-id',
  /** Step 10: the AZ IDs of the networking account's zones, comma-separated in the order of the config's AZs. */
  availabilityZoneIds: '/moat/network/availability-zone-ids',
} as const;

type SharedParameterName = (typeof SHARED_PARAMETER)[keyof typeof SHARED_PARAMETER];

/** The account and region of the stack that writes a parameter. */
export interface ParameterOwner {
  readonly account: string;
  readonly region: string;
}

/**
 * Writes a parameter. A parameter read from another account (`sharedWith`) is advanced tier: only advanced
 * parameters can be shared by AWS RAM, and the reader refers to it by ARN
 * (https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-shared-parameters.html); the
 * caller puts it in its stack's one resource share (`shareWithAccount`).
 */
export function publishParameter(
  scope: Construct,
  id: string,
  name: SharedParameterName,
  value: string,
  sharedWith?: string,
): ssm.StringParameter {
  return new ssm.StringParameter(scope, id, {
    parameterName: name,
    stringValue: value,
    description: 'Moat cross-stack value',
    tier: sharedWith === undefined ? ssm.ParameterTier.STANDARD : ssm.ParameterTier.ADVANCED,
  });
}

/**
 * The one AWS RAM resource share of a stack towards the other account (step 10). Outside one AWS Organization
 * (or without RAM sharing enabled in it), each share sends the other account one invitation to accept
 * ("If you specify an AWS account that doesn't exist in the same organization as the account that owns the
 * resource share, the owner of the specified account receives an invitation",
 * https://docs.aws.amazon.com/ram/latest/APIReference/Welcome.html); inside an organization with sharing
 * enabled there is none. So Moat keeps one share per direction: networking → workload (the Transit Gateway
 * and its id parameter) and workload → networking (the attachment id parameter), two invitations at most.
 */
export function shareWithAccount(
  scope: Construct,
  id: string,
  name: string,
  account: string,
  resourceArns: readonly string[],
): ram.CfnResourceShare {
  return new ram.CfnResourceShare(scope, id, {
    name,
    principals: [account],
    resourceArns: [...resourceArns],
    allowExternalPrincipals: true,
  });
}

/**
 * Reads a parameter at deploy time. From another account (`owner`), by ARN: CloudFormation resolves a
 * shared parameter only as a template parameter, not as a `{{resolve:ssm}}` dynamic reference
 * (https://github.com/aws/aws-cdk/pull/30646).
 */
export function readParameter(
  scope: Construct,
  id: string,
  name: SharedParameterName,
  owner?: ParameterOwner,
): string {
  // A template parameter's default must be a literal, so the ARN is spelled out (commercial partition,
  // the only one the config's region pattern admits).
  const reference =
    owner === undefined ? name : `arn:aws:ssm:${owner.region}:${owner.account}:parameter${name}`;
  return new CfnParameter(scope, id, {
    type: 'AWS::SSM::Parameter::Value<String>',
    default: reference,
    description: `Written by another Moat stack: ${name}`,
  }).valueAsString;
}
