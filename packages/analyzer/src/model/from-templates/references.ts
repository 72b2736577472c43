import { isJsonObject, type Json } from '../../cfn/template.js';

/**
 * The logical IDs an expression names: `Ref`, `Fn::GetAtt`, and `${Name}` or `${Name.Attribute}` in strings
 * (`Fn::Sub`). Pseudo parameters (`AWS::…`) are not resources.
 */
export function referencedLogicalIds(json: Json | undefined): string[] {
  if (Array.isArray(json)) return json.flatMap((item: Json) => referencedLogicalIds(item));
  if (!isJsonObject(json))
    return typeof json === 'string'
      ? [...json.matchAll(/\$\{([\w]+)(?:\.[\w]+)?\}/g)].map((m) => m[1] ?? '')
      : [];
  const ref = json.Ref;
  if (typeof ref === 'string') return ref.startsWith('AWS::') ? [] : [ref];
  const getAtt = json['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return [getAtt[0]];
  if (typeof getAtt === 'string') return [getAtt.split('.')[0] ?? getAtt];
  return Object.values(json).flatMap((value) => referencedLogicalIds(value));
}
