import type { StackTemplate } from '../assembly/load-assembly.js';
import type { EvaluateValue } from './conditions.js';
import { isListType } from './parameter-types.js';
import { isJsonObject, type Json } from './template.js';
import { MAX_EVALUATION_DEPTH, splitAtFirstDot, Unresolved, type Value } from './values.js';

export const NESTED_STACK = 'AWS::CloudFormation::Stack';

/**
 * What crosses between a parent stack and its nested stacks: the `Parameters` the parent's
 * `AWS::CloudFormation::Stack` passes, and the child `Outputs` the parent reads with `Fn::GetAtt [Stack, Outputs.X]`
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-nested-stacks.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stack.html).
 */
export function createNestedStackValues(
  stacks: ReadonlyMap<string, StackTemplate>,
  evaluate: EvaluateValue,
  namedCondition: (stackName: string, name: string, depth: number) => boolean | Unresolved,
  /** The expression another stack writes to the SSM parameter that a `Ref` to an SSM-typed parameter reads. */
  ssmExpression: (stackName: string, json: Json) => { stack: string; value: Json } | undefined,
) {
  /**
   * `Fn::GetAtt [NestedStack, Outputs.Name]` reads the nested stack's output
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-nested-stacks.html); an output whose
   * `Condition` is false does not exist.
   */
  function nestedOutput(
    stackName: string,
    logicalId: string,
    name: string,
  ): { stack: string; value: Json } | Unresolved {
    const child = stacks.get(`${stackName}/${logicalId}`);
    if (child === undefined) {
      const url = JSON.stringify(
        stacks.get(stackName)?.template.Resources[logicalId]?.Properties?.TemplateURL,
      );
      return new Unresolved(
        `the template of nested stack ${logicalId} (TemplateURL ${url}) is not in the input folder: put it there under the last segments of its URL`,
      );
    }
    const output = child.template.Outputs?.[name];
    if (output === undefined) return new Unresolved(`nested stack ${child.name} has no output ${name}`);
    if (output.Condition !== undefined) {
      const exists = namedCondition(child.name, output.Condition, 0);
      if (exists instanceof Unresolved) return exists;
      if (!exists)
        return new Unresolved(
          `output ${name} of ${child.name} is not created: its condition ${output.Condition} is false`,
        );
    }
    return { stack: child.name, value: output.Value };
  }

  /** The output behind `Fn::GetAtt [NestedStack, Outputs.Name]`, as written, for list-aware reading. */
  function nestedOutputExpression(stackName: string, json: Json): { stack: string; value: Json } | undefined {
    const args = isJsonObject(json) ? json['Fn::GetAtt'] : undefined;
    const [logicalId, attribute] =
      typeof args === 'string' ? splitAtFirstDot(args) : Array.isArray(args) ? args : [];
    if (typeof logicalId !== 'string' || typeof attribute !== 'string' || !attribute.startsWith('Outputs.'))
      return undefined;
    if (stacks.get(stackName)?.template.Resources[logicalId]?.Type !== NESTED_STACK) return undefined;
    const output = nestedOutput(stackName, logicalId, attribute.slice('Outputs.'.length));
    return output instanceof Unresolved ? undefined : output;
  }

  /** The value a parent passes in its `AWS::CloudFormation::Stack` resource's `Parameters`, evaluated there. */
  function passedByParent(
    stack: StackTemplate,
    name: string,
    type: string,
    depth: number,
  ): Value | undefined {
    if (stack.parent === undefined) return undefined;
    const resource = stacks.get(stack.parent.stack)?.template.Resources[stack.parent.logicalId];
    const passed = resource?.Properties?.Parameters;
    const expression = isJsonObject(passed) ? passed[name] : undefined;
    if (expression === undefined) return undefined;
    if (isListType(type)) return listOf(stack.parent.stack, expression, ',', depth + 1);
    const value = evaluate(stack.parent.stack, expression, depth + 1);
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  }

  /**
   * A list written as text joined by `delimiter`, read element by element where it can be: a `Fn::Join` by the
   * same delimiter, a nested stack's output and an SSM parameter another stack writes keep their elements
   * (references included), so `!Join [",", [!Ref SubnetA, !Ref SubnetB]]` passed to a `List<AWS::EC2::Subnet::Id>`
   * stays two subnets.
   */
  function listOf(stackName: string, json: Json, delimiter: string, depth: number): Value {
    if (depth > MAX_EVALUATION_DEPTH) return new Unresolved('references nest too deeply (a cycle?)');
    const joined = isJsonObject(json) ? json['Fn::Join'] : undefined;
    if (Array.isArray(joined) && joined[0] === delimiter && Array.isArray(joined[1])) {
      return (joined[1] as readonly Json[]).flatMap((item) => {
        const value = listOf(stackName, item, delimiter, depth + 1);
        return Array.isArray(value) ? (value as readonly Value[]) : [value];
      });
    }
    const output = nestedOutputExpression(stackName, json);
    if (output !== undefined) return listOf(output.stack, output.value, delimiter, depth + 1);
    const written = ssmExpression(stackName, json);
    if (written !== undefined) return listOf(written.stack, written.value, delimiter, depth + 1);
    const value = evaluate(stackName, json, depth + 1);
    return typeof value === 'string' ? value.split(delimiter) : value;
  }

  return { nestedOutput, passedByParent, listOf };
}
