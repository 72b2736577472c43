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
  egressRouteTableId: '/moat/network/egress-route-table-id',
  containerAttachmentId: '/moat/workload/container-attachment-id',
} as const;

type SharedParameterName = (typeof SHARED_PARAMETER)[keyof typeof SHARED_PARAMETER];

/** The account and region of the stack that writes a parameter. */
export interface ParameterOwner {
  readonly account: string;
  readonly region: string;
}

/**
 * Writes a parameter. With `shareWith`, the parameter is advanced tier and shared with that account by
 * AWS RAM: only advanced parameters can be shared, and the reader then refers to it by ARN
 * (https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-shared-parameters.html).
 */
export function publishParameter(
  scope: Construct,
  id: string,
  name: SharedParameterName,
  value: string,
  shareWith?: string,
): ssm.StringParameter {
  const parameter = new ssm.StringParameter(scope, id, {
    parameterName: name,
    stringValue: value,
    description: 'Moat cross-stack value',
    tier: shareWith === undefined ? ssm.ParameterTier.STANDARD : ssm.ParameterTier.ADVANCED,
  });
  if (shareWith !== undefined) {
    new ram.CfnResourceShare(scope, `${id}Share`, {
      name: `moat${name.replaceAll('/', '-')}`,
      principals: [shareWith],
      resourceArns: [parameter.parameterArn],
      // Accounts outside the organization must accept the invitation; inside it, sharing is automatic.
      allowExternalPrincipals: true,
    });
  }
  return parameter;
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
