import type { Json } from '../../cfn/template.js';
import { isJsonObject } from '../../cfn/template.js';
import type { ElementId, Resolved, ResourceShare } from '../types.js';
import { known } from '../types.js';
import { type BuildContext, type CfnElement, list, str } from './context.js';

/**
 * A RAM share lists what it shares by ARN (`ResourceArns`:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ram-resourceshare.html).
 * Templates build that ARN around the resource's id, which ends it (`arn:partition:service:region:account:
 * resource-type/resource-id`: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html). CDK writes
 * `Fn::Join ['', [..., ':transit-gateway/', { Ref: Tgw }]]`; a plain template often `Fn::Sub
 * 'arn:...:transit-gateway/${Tgw}'`. Either way the shared resource is the one referenced at the end.
 */
const referenceAtArnEnd = (arn: Json): string | undefined => {
  if (!isJsonObject(arn)) return undefined;
  const join = arn['Fn::Join'];
  if (Array.isArray(join) && join[0] === '' && Array.isArray(join[1])) {
    const parts = join[1];
    const [before, last] = [parts.at(-2), parts.at(-1)];
    const ref = isJsonObject(last) && typeof last.Ref === 'string' ? last.Ref : undefined;
    return typeof before === 'string' && /[/:]$/.test(before) ? ref : undefined;
  }
  const sub = arn['Fn::Sub'];
  return typeof sub === 'string' ? /[/:]\$\{([A-Za-z0-9]+)\}$/.exec(sub)?.[1] : undefined;
};

const sharedId = (context: BuildContext, share: CfnElement, index: number): Resolved<ElementId> => {
  const raw = share.raw('ResourceArns');
  const written = Array.isArray(raw) ? raw[index] : undefined;
  const logicalId = written === undefined ? undefined : referenceAtArnEnd(written);
  const id = logicalId === undefined ? undefined : `${share.source.stack}/${logicalId}`;
  if (id !== undefined && context.element(id) !== undefined) return known(id);
  return context.reference(list(share.prop('ResourceArns'))[index]);
};

export const buildResourceShares = (context: BuildContext): ResourceShare[] =>
  context.ofType('AWS::RAM::ResourceShare').map((share) => ({
    id: share.id,
    source: share.source,
    principals: list(share.prop('Principals')).map((principal) => str(principal, 'RAM principal')),
    sharedIds: list(share.prop('ResourceArns')).map((_, index) => sharedId(context, share, index)),
  }));
