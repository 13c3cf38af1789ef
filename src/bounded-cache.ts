/**
 * Results of a pure function of a string, kept until `limit` are held, then all dropped at once:
 * the prose stage asks about the same clause, label or heading many times while grading one
 * student, and a cohort must not grow the memory of a worker. An object result is shared by every
 * caller, so it is frozen: changing it would change what the next reading gets. 2,000 strings hold
 * a student's several times over; at 10,000 the ten prose caches of a worker held up to ~50 MB
 * more after a few thousand students than after one thousand (peak memory grew with the cohort).
 */
export function cachedByString<T>(compute: (text: string) => T, limit = 2_000): (text: string) => T {
  return cachedByKey((text: string) => text, compute, limit);
}

/**
 * cachedByString for a function of an object: `keyOf` names everything of the argument the result
 * depends on (two arguments with one key must give equal results), and the cache is held to `limit`
 * entries the same way.
 */
export function cachedByKey<A, T>(keyOf: (arg: A) => string, compute: (arg: A) => T, limit = 10_000): (arg: A) => T {
  const kept = new Map<string, T>();
  return (arg: A): T => {
    const key = keyOf(arg);
    let value = kept.get(key);
    if (value === undefined && !kept.has(key)) {
      if (kept.size >= limit) kept.clear();
      value = compute(arg);
      if (typeof value === 'object' && value !== null) Object.freeze(value);
      kept.set(key, value);
    }
    return value as T;
  };
}
