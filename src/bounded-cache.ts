/**
 * The maps of the caches of texts made below, to empty them all at once. Held weakly: a cache made
 * per compiled question (question-compiled.ts) goes when its question goes.
 */
const everyCache = new Set<WeakRef<Map<unknown, unknown>>>();
const cacheDropped = new FinalizationRegistry<WeakRef<Map<unknown, unknown>>>((ref) => everyCache.delete(ref));
function forgettable(kept: Map<unknown, unknown>): void {
  const ref = new WeakRef(kept);
  everyCache.add(ref);
  cacheDropped.register(kept, ref);
}

/**
 * Forgets every result the caches of texts hold: for the startup snapshot, whose heap must hold the
 * code its warm-up compiled but not the readings of the warm-up's own submissions (a student's check
 * never meets those texts, and they would make a check of the warm-up fixtures look faster than any
 * other: bench:cold checks them). Results are the same either way; only what is kept changes.
 */
export function forgetCachedResults(): void {
  for (const ref of everyCache) ref.deref()?.clear();
}

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
  forgettable(kept);
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

/**
 * cachedByKey for a function of a text read in a context (a block of prose under its headings),
 * with no key string built per call: results are kept under the text itself, a string the caller
 * already holds and whose hash V8 keeps once computed (joining the context to it made a new string
 * to hash and compare at every call), each text with the contexts it was read in. `contextOf` names
 * everything besides the text that the result depends on, and is kept (so it holds no more than
 * that); `sameContext` tells whether an argument is in a kept context. Held to `limit` readings.
 */
export function cachedByText<A, C, T>(
  textOf: (arg: A) => string,
  contextOf: (arg: A) => C,
  sameContext: (kept: C, arg: A) => boolean,
  compute: (arg: A) => T,
  limit = 10_000,
): (arg: A) => T {
  const kept = new Map<string, { context: C; value: T }[]>();
  let size = 0;
  forgettable(kept);
  return (arg: A): T => {
    const text = textOf(arg);
    let readings = kept.get(text);
    const found = readings?.find((r) => sameContext(r.context, arg));
    if (found) return found.value;
    if (!kept.size) size = 0; // emptied by forgetCachedResults
    if (size >= limit) {
      kept.clear();
      size = 0;
      readings = undefined;
    }
    const value = compute(arg);
    if (typeof value === 'object' && value !== null) Object.freeze(value);
    const reading = { context: contextOf(arg), value };
    if (readings) readings.push(reading);
    else kept.set(text, [reading]);
    size++;
    return value;
  };
}

/**
 * What `compute` derives from an object, made once per object and dropped with it (a WeakMap): for
 * read-only data asked about again and again (a rubric's question, a run's settings, a pattern, a
 * block of a submission being read). Unlike the caches above it needs no bound, and its results are
 * not frozen: some are filled in on first need by their one reader (a prepared sentence's clauses).
 */
export function cachedByObject<K extends object, T>(compute: (key: K) => T): (key: K) => T {
  const kept = new WeakMap<K, T>();
  return (key: K): T => {
    if (kept.has(key)) return kept.get(key) as T;
    const value = compute(key);
    kept.set(key, value);
    return value;
  };
}
