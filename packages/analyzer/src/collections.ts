/** Groups values under a key without copying the group (hot in models with hundreds of VPCs). */
export function appendTo<K, V>(groups: Map<K, V[]>, key: K, ...values: readonly V[]): void {
  const group = groups.get(key);
  if (group === undefined) groups.set(key, [...values]);
  else group.push(...values);
}

/** `items` grouped by `key`, in first-seen order (Map.groupBy needs Node 21). */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) appendTo(groups, key(item), item);
  return groups;
}
