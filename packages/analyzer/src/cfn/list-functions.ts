import { EndpointIdTokens } from './endpoint-ids.js';
import { Unresolved, unresolvedFrom, type Value } from './values.js';

/**
 * `Fn::Select`, `Fn::Split` and `Fn::Join` over evaluated values
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-select.html,
 * …-split.html, …-join.html). A string may hold firewall endpoint ids as tokens (see endpoint-ids.ts): they
 * can be moved around, never used as an index or a delimiter, and a split may not cut inside one.
 */
export function select(index: Value, list: Value): Value {
  if ((typeof index !== 'number' && typeof index !== 'string') || EndpointIdTokens.holdsToken(index))
    return unresolvedFrom(index, 'Fn::Select index');
  const position = Number(index);
  if (!Array.isArray(list)) return unresolvedFrom(list, 'Fn::Select list');
  return (
    list[position] ??
    new Unresolved(`Fn::Select index ${position} is past the end of a list of ${list.length}`)
  );
}

export function split(delimiter: Value, text: Value): Value {
  if (typeof delimiter !== 'string' || EndpointIdTokens.holdsToken(delimiter))
    return unresolvedFrom(delimiter, 'Fn::Split delimiter');
  if (typeof text !== 'string') return unresolvedFrom(text, 'Fn::Split');
  if (EndpointIdTokens.holdsToken(text) && !EndpointIdTokens.splitsAroundIds(delimiter)) {
    return new Unresolved(
      `Fn::Split by '${delimiter}' could cut inside a firewall endpoint id, whose characters are known only after deploy`,
    );
  }
  return text.split(delimiter);
}

export function join(delimiter: Value, list: Value): Value {
  if (typeof delimiter !== 'string' || EndpointIdTokens.holdsToken(delimiter))
    return unresolvedFrom(delimiter, 'Fn::Join');
  if (!Array.isArray(list)) return unresolvedFrom(list, 'Fn::Join');
  const parts: string[] = [];
  for (const part of list as readonly Value[]) {
    if (typeof part !== 'string' && typeof part !== 'number') return unresolvedFrom(part, 'Fn::Join');
    parts.push(String(part));
  }
  return parts.join(delimiter);
}
