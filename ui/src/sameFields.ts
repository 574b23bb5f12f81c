/**
 * Shallow equality of two records: the same keys, each holding the same
 * value (`===`). What the memoised views compare an object rebuilt on every
 * change by, so an unchanged one is not drawn again.
 */

export function sameFields(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => Object.hasOwn(y, k) && x[k] === y[k]);
}
