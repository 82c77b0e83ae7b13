/**
 * Runs a batch per shop and returns the results in key order. A request only ever holds keys
 * of its own shop, so this is one batch in practice; grouping keeps every statement filtered
 * by a single shop_id all the same.
 */
export async function batchByShop<K extends { shopId: string }, V>(
  keys: readonly K[],
  load: (shopId: string, keys: K[]) => Promise<V[]>,
): Promise<V[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((key, index) => {
    const group = groups.get(key.shopId);
    if (group) group.push(index);
    else groups.set(key.shopId, [index]);
  });
  const results = new Array<V>(keys.length);
  await Promise.all(
    [...groups].map(async ([shopId, indexes]) => {
      const values = await load(shopId, indexes.map((i) => keys[i]!));
      indexes.forEach((keyIndex, i) => (results[keyIndex] = values[i]!));
    }),
  );
  return results;
}
