/**
 * Results of a pure function of a string, kept until `limit` are held, then all dropped at once:
 * the prose stage asks about the same clause, label or heading many times while grading one
 * student, and a cohort must not grow the memory of a worker.
 */
export function cachedByString<T>(compute: (text: string) => T, limit = 10_000): (text: string) => T {
  const kept = new Map<string, T>();
  return (text: string): T => {
    let value = kept.get(text);
    if (value === undefined && !kept.has(text)) {
      if (kept.size >= limit) kept.clear();
      value = compute(text);
      kept.set(text, value);
    }
    return value as T;
  };
}
