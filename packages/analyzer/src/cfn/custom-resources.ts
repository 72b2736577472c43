import { Unresolved } from './values.js';

/**
 * `AWS::CloudFormation::CustomResource` and `Custom::*` return their `Ref` and attributes from the provider's code
 * at deploy time (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources.html).
 */
export function customResource(logicalId: string, type: string): Unresolved | undefined {
  return type === 'AWS::CloudFormation::CustomResource' || type.startsWith('Custom::')
    ? new Unresolved(`value returned by custom resource ${logicalId} at deploy time`)
    : undefined;
}
