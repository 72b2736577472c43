import type { Assembly } from '../../assembly/load-assembly.js';
import type { ElementId } from '../types.js';
import { referencedLogicalIds } from './references.js';

/**
 * For each resource, the resources of its stack that CloudFormation creates before it: those its `DependsOn`
 * names, and those its properties reference with `Ref`, `Fn::GetAtt` or `Fn::Sub`, which CloudFormation orders
 * the same way (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html).
 * Everything else may be created at the same time. Stacks are ordered as wholes, so only references inside a
 * stack are listed.
 */
export function buildDeployOrder(assembly: Assembly): Readonly<Record<ElementId, readonly ElementId[]>> {
  const order: Record<ElementId, readonly ElementId[]> = {};
  for (const stack of assembly.stacks) {
    const resources = stack.template.Resources;
    for (const [logicalId, resource] of Object.entries(resources)) {
      const named = referencedLogicalIds(resource.Properties);
      if (resource.DependsOn !== undefined) named.push(...[resource.DependsOn].flat());
      const before = new Set<ElementId>();
      for (const other of named) {
        if (other !== logicalId && resources[other] !== undefined) before.add(`${stack.name}/${other}`);
      }
      if (before.size > 0) order[`${stack.name}/${logicalId}`] = [...before];
    }
  }
  return order;
}
