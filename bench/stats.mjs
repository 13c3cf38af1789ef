// Figures the benches print: one definition of each.

export const sum = (values) => values.reduce((a, b) => a + b, 0);

export const mean = (values) => sum(values) / values.length;

/** The median (the mean of the middle two for an even count); NaN for no values. */
export function median(values) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
