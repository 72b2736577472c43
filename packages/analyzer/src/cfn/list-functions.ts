import {
  FirewallEndpointList,
  FirewallEndpointRef,
  Unresolved,
  unresolvedFrom,
  type Value,
} from './values.js';

/**
 * `Fn::Select`, `Fn::Split` and `Fn::Join` over evaluated values
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-select.html,
 * …-split.html, …-join.html), with the Network Firewall `EndpointIds` idiom:
 * `Fn::Select [i, Fn::Split [":", Fn::Select [j, Fn::GetAtt [Firewall, EndpointIds]]]]`.
 */
export function select(index: Value, list: Value): Value {
  if (typeof index !== 'number' && typeof index !== 'string')
    return unresolvedFrom(index, 'Fn::Select index');
  const position = Number(index);
  if (list instanceof FirewallEndpointList) {
    return new FirewallEndpointRef(list.stack, list.firewallLogicalId, position, 'whole');
  }
  if (!Array.isArray(list)) return unresolvedFrom(list, 'Fn::Select list');
  return (
    list[position] ??
    new Unresolved(`Fn::Select index ${position} is past the end of a list of ${list.length}`)
  );
}

export function split(delimiter: Value, text: Value): Value {
  if (text instanceof FirewallEndpointRef && text.part === 'whole' && delimiter === ':') {
    // Each EndpointIds element is `availability-zone:vpce-id`.
    return [
      new FirewallEndpointRef(text.stack, text.firewallLogicalId, text.index, 'az'),
      new FirewallEndpointRef(text.stack, text.firewallLogicalId, text.index, 'endpoint-id'),
    ];
  }
  if (typeof delimiter !== 'string' || typeof text !== 'string') return unresolvedFrom(text, 'Fn::Split');
  return text.split(delimiter);
}

export function join(delimiter: Value, list: Value): Value {
  if (typeof delimiter !== 'string') return unresolvedFrom(delimiter, 'Fn::Join');
  if (!Array.isArray(list)) return unresolvedFrom(list, 'Fn::Join');
  const parts: string[] = [];
  for (const part of list as readonly Value[]) {
    if (typeof part !== 'string' && typeof part !== 'number') return unresolvedFrom(part, 'Fn::Join');
    parts.push(String(part));
  }
  return parts.join(delimiter);
}
