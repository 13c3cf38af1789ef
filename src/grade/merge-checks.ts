import type { ResultsHeader } from './record.js';

/**
 * What differs between the headers of two results files that merge cannot put together, said as
 * the setting or the cohort that differs (`--min-score: 70 in a, 80 in b`), or null when they fit.
 * Files written before headers kept their settings fall back to the settings digest.
 */
export function headerDifference(a: { file: string; header: ResultsHeader }, b: { file: string; header: ResultsHeader }): string | null {
  const both = (what: string, x: unknown, y: unknown) => `${what}: ${show(x)} in ${a.file}, ${show(y)} in ${b.file}`;
  const ha = a.header;
  const hb = b.header;
  if (ha.version !== hb.version) return both('the infralint version', ha.version, hb.version);
  const ca = ha.cohort;
  const cb = hb.cohort;
  if (ca && cb) {
    if (ca.roster !== cb.roster) return `${b.file} was graded with another roster than ${a.file} (${ca.roster ? 'a roster' : 'no roster'} in one, ${cb.roster ? 'another roster' : 'no roster'} in the other)`;
    if (ca.listing !== cb.listing) return `${a.file} and ${b.file} are shards of different cohorts (${ca.students} and ${cb.students} students${ca.students === cb.students ? ', not of the same names' : ''})`;
  }
  if (ha.tasks.join() !== hb.tasks.join()) return both('the tasks graded', ha.tasks.join(', '), hb.tasks.join(', '));
  const sa = ha.settings;
  const sb = hb.settings;
  if (sa && sb) {
    if (sa.minScore !== sb.minScore) return both('--min-score', sa.minScore, sb.minScore);
    if (sa.maxBytes !== sb.maxBytes) return both('--max-bytes', sa.maxBytes, sb.maxBytes);
    if (sa.disable.join() !== sb.disable.join()) return both('--disable', sa.disable.join(','), sb.disable.join(','));
    const task = ha.tasks.find((t) => sa.rubrics[t] !== sb.rubrics[t]);
    if (task) return `the rubric of ${task} differs between ${a.file} and ${b.file} (another rubric file, or a configuration that changes its rules or weights)`;
  }
  if (ha.config !== hb.config) return `${b.file} was graded with other settings than ${a.file} (rubrics or options)`;
  return null;
}

function show(value: unknown): string {
  return value === null || value === undefined || value === '' ? '(none)' : String(value);
}
