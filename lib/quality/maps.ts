// Helpers for string-keyed count maps. Class names come from clients, so a label such as "__proto__"
// must become an own property rather than reach the prototype; reads only ever look at own properties.

export function getOwn<T>(map: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

export function setOwn<T>(map: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The nested map under key, created empty when missing. */
export function child<T>(map: Record<string, Record<string, T>>, key: string): Record<string, T> {
  const existing = getOwn(map, key);
  if (existing) return existing;
  const created: Record<string, T> = {};
  setOwn(map, key, created);
  return created;
}

export function bump(map: Record<string, number>, key: string, by = 1): void {
  setOwn(map, key, (getOwn(map, key) ?? 0) + by);
}

/** Adds every count of `from` into `into` (both label -> count). */
export function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const key of Object.keys(from)) bump(into, key, from[key] ?? 0);
}

/** Adds score table `from` into `into`. */
export function addTable(
  into: Record<string, Record<string, number>>,
  from: Record<string, Record<string, number>>,
): void {
  for (const key of Object.keys(from)) addCounts(child(into, key), from[key] ?? {});
}

export function total(counts: Record<string, number>): number {
  let sum = 0;
  for (const key of Object.keys(counts)) sum += counts[key] ?? 0;
  return sum;
}
