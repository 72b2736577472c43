import { isJsonObject, type Json } from '../../cfn/template.js';

const SUB_REFERENCE = /\$\{([\w]+)(?:\.[\w]+)?\}/g;

/**
 * The logical IDs an expression names: `Ref`, `Fn::GetAtt`, and `${Name}` or `${Name.Attribute}` in strings
 * (`Fn::Sub`). Pseudo parameters (`AWS::…`) are not resources. Every resource's properties go through here, so
 * it collects into one array and tries the `${` pattern only on strings that hold one.
 */
export function referencedLogicalIds(json: Json | undefined, found: string[] = []): string[] {
  if (Array.isArray(json)) {
    for (const item of json) referencedLogicalIds(item, found);
    return found;
  }
  if (!isJsonObject(json)) {
    if (typeof json === 'string' && json.includes('${')) {
      for (const match of json.matchAll(SUB_REFERENCE)) found.push(match[1] ?? '');
    }
    return found;
  }
  const ref = json.Ref;
  if (typeof ref === 'string') {
    if (!ref.startsWith('AWS::')) found.push(ref);
    return found;
  }
  const getAtt = json['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
    found.push(getAtt[0]);
    return found;
  }
  if (typeof getAtt === 'string') {
    found.push(getAtt.split('.')[0] ?? getAtt);
    return found;
  }
  for (const value of Object.values(json)) referencedLogicalIds(value, found);
  return found;
}
