/**
 * Results of a pure function of a string, at most `limit` kept (see keptByKey for which): the prose
 * stage asks about the same clause, label or heading many times while grading one student, and a
 * cohort must not grow the memory of a worker. An object result is shared by every caller, so it is
 * frozen: changing it would change what the next reading gets. 1,000 strings hold a student's several
 * times over, and a cache holds its most within a worker's first few hundred students (a synthetic
 * cohort adds up to ~2.5 new strings a student to the largest). Under 2,000 dropped all at once, a
 * worker of a 1,000-student run ended with its caches 5-50% full, while one of a 10,000-student run
 * filled them again and again: its peak held every cache full, and grew with the cohort (issue 17
 * item 2). At 10,000 the ten prose caches of a worker once held up to ~50 MB more after a few
 * thousand students than after one thousand.
 * The result is computed from the kept copy of the string (see ownCopy), so that what it holds of
 * the string (a match, a trimmed part) holds that copy, not the file the string was cut from.
 */
export function cachedByString<T>(compute: (text: string) => T, limit = 1_000, { longestKept = Infinity }: KeptLength = {}): (text: string) => T {
  const cached = keptByKey((text: string) => text, (_text, kept) => compute(kept), limit);
  if (longestKept === Infinity) return cached;
  return (text) => (text.length > longestKept ? frozen(compute(text)) : cached(text));
}

export interface KeptLength {
  /**
   * Strings longer than this (in code units) are computed again at every call and never kept: some
   * student's own long text (a pasted `data:` URI, a page-long paragraph) comes back rarely, and a
   * cache of `limit` of them would hold that much `limit` times.
   */
  longestKept?: number;
}

/** An object result as a cache gives it: frozen, kept or not, so that no caller can come to depend on changing it. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null) Object.freeze(value);
  return value;
}

/**
 * cachedByString for a function of an object: `keyOf` names everything of the argument the result
 * depends on (two arguments with one key must give equal results), and the cache is held to `limit`
 * entries the same way.
 */
export function cachedByKey<A, T>(keyOf: (arg: A) => string, compute: (arg: A) => T, limit = 10_000): (arg: A) => T {
  return keptByKey(keyOf, compute, limit);
}

/**
 * cachedByKey, `compute` given the argument and the copy of its key the cache keeps. Two generations
 * of at most half the limit each: when the recent one is full it becomes the older one, and the older
 * one is dropped; a result found in the older one moves to the recent one. So what a student's
 * grading asks about again and again, and what every student writes, outlives the turn, which
 * dropping everything at once did not. bench:grade-steady against 2,000 dropped at once, CPU a
 * student: 500 dropped at once 1.13x (synthetic cohort) and 1.14x (real corpus); 1,000 in two
 * generations 0.97x and 1.07x (0.97-1.26x between rounds: noise on this shared host).
 */
function keptByKey<A, T>(keyOf: (arg: A) => string, compute: (arg: A, key: string) => T, limit: number): (arg: A) => T {
  const half = Math.max(1, Math.floor(limit / 2));
  let recent = new Map<string, T>();
  let older = new Map<string, T>();
  return (arg: A): T => {
    const key = keyOf(arg);
    let value = recent.get(key);
    if (value !== undefined || recent.has(key)) return value as T;
    const own = ownCopy(key);
    if (older.has(key)) {
      value = older.get(key) as T;
      older.delete(key);
    } else {
      value = frozen(compute(arg, own));
    }
    if (recent.size >= half) {
      older = recent;
      recent = new Map();
    }
    recent.set(own, value);
    return value;
  };
}

/**
 * The one object ownCopy names its strings in, empty between calls. Kept in V8's dictionary mode
 * (no prototype, a property deleted): a fresh literal `{ [text]: 0 }` per string made V8 a hidden
 * class per distinct string, in the old generation until the next full collection (2 MB more old
 * space over 60,000 strings), and cost 1.3-1.5x the CPU.
 */
const internedNames: Record<string, number> = Object.create(null);
internedNames.made = 0;
delete internedNames.made;

/**
 * A copy of `text` that holds no other string, one for all equal strings. V8 makes a substring of 13
 * characters or more (a heading, a block, a clause of a submission: markdown-it's slices of the
 * file) a view of the string it was cut from, which keeps that whole string alive: a cache keeping
 * such a string kept the student's whole file, and a 1 MiB file for a single line. A worker's
 * caches so held ~7 MB of files more after 5,000 students than after 1,000 (heap snapshots), and a
 * cohort of large files could hold `limit` of them. The copy is V8's internalized string, which a
 * property name is: equal strings share it (a heading every student writes, a line several caches
 * keep), where a copy per entry held 3.6 MB more after 1,000 students than the slices did, and a
 * 1 MiB line once per cache.
 */
export function ownCopy(text: string): string {
  internedNames[text] = 0;
  let own = text;
  for (const name in internedNames) own = name;
  delete internedNames[text];
  return own;
}

/**
 * cachedByKey for a function of a text read in a context (a block of prose under its headings),
 * with no key string built per call: results are kept under the text itself, a string the caller
 * already holds and whose hash V8 keeps once computed (joining the context to it made a new string
 * to hash and compare at every call), each text with the contexts it was read in. `contextOf` names
 * everything besides the text that the result depends on, and is kept (so it holds no more than
 * that, and own copies of its strings, as the results must: see ownCopy); `sameContext` tells whether an argument is in a
 * kept context. Held to `limit` readings: the claims of 5,000 students of a synthetic cohort were
 * read 3,869 times under 2,000 against 3,767 under 10,000 (0.4 ms each), and 10,000 readings held
 * ~16 MB a worker, which a run of 1,000 students never reached (its peak grew with the cohort).
 */
export function cachedByText<A, C, T>(
  textOf: (arg: A) => string,
  contextOf: (arg: A) => C,
  sameContext: (kept: C, arg: A) => boolean,
  compute: (arg: A) => T,
  limit = 2_000,
): (arg: A) => T {
  const kept = new Map<string, { context: C; value: T }[]>();
  let size = 0;
  return (arg: A): T => {
    const text = textOf(arg);
    let readings = kept.get(text);
    const found = readings?.find((r) => sameContext(r.context, arg));
    if (found) return found.value;
    if (size >= limit) {
      kept.clear();
      size = 0;
      readings = undefined;
    }
    const value = frozen(compute(arg));
    const reading = { context: contextOf(arg), value };
    if (readings) readings.push(reading);
    else kept.set(ownCopy(text), [reading]);
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
