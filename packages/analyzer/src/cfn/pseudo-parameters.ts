import type { StackTemplate } from '../assembly/load-assembly.js';
import { Unresolved } from './values.js';

/**
 * The pseudo parameters, known where the input determines them
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html).
 * `AWS::NoValue` is the resolver's, since it removes a property rather than being a value.
 */
export function pseudoParameter(stack: StackTemplate, name: string): string | Unresolved {
  switch (name) {
    case 'AWS::Region':
      return stack.region.known ? stack.region.value : new Unresolved(stack.region.reason);
    case 'AWS::AccountId':
      return stack.account.known ? stack.account.value : new Unresolved(stack.account.reason);
    case 'AWS::Partition':
    case 'AWS::URLSuffix': {
      if (!stack.region.known) return new Unresolved(`${name} follows the region: ${stack.region.reason}`);
      const partition = partitionOf(stack.region.value);
      return name === 'AWS::Partition' ? partition.name : partition.urlSuffix;
    }
    case 'AWS::StackName':
      if (stack.stackName !== undefined) return stack.stackName;
      return new Unresolved(
        stack.parent === undefined
          ? `the name of stack ${stack.name} is chosen when it is deployed`
          : `CloudFormation names nested stack ${stack.parent.logicalId} '<parent stack name>-${stack.parent.logicalId}-<random suffix>'`,
      );
    case 'AWS::StackId':
      return new Unresolved(
        `AWS::StackId of ${stack.name} is an ARN CloudFormation makes when it creates the stack`,
      );
    case 'AWS::NotificationARNs':
      return new Unresolved(`AWS::NotificationARNs of ${stack.name} are given when the stack is deployed`);
    default:
      return new Unresolved(`${name} is not a CloudFormation pseudo parameter`);
  }
}

/** `aws` and `amazonaws.com`, except in China (`aws-cn`, `amazonaws.com.cn`) and GovCloud (`aws-us-gov`). */
function partitionOf(region: string): { name: string; urlSuffix: string } {
  if (region.startsWith('cn-')) return { name: 'aws-cn', urlSuffix: 'amazonaws.com.cn' };
  if (region.startsWith('us-gov-')) return { name: 'aws-us-gov', urlSuffix: 'amazonaws.com' };
  return { name: 'aws', urlSuffix: 'amazonaws.com' };
}
