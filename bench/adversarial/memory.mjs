// Peak memory of `check` on a 1 MB and a 30 MB task file and of `grade` on a cohort, against the
// limits README.md documents ("Limits").
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RUN = fileURLToPath(new URL('./rss-run.mjs', import.meta.url));

/** The documented limits, in MB of peak resident memory. */
// grade: 2 workers at 10,000 students measured 333-358 MB (bench:grade, within 1.3x of 1,000 students).
export const MEMORY_LIMITS = { check1: 400, check30: 400, check30Full: 1200, grade: 600 };

function peak(dist, args) {
  const r = spawnSync(process.execPath, [RUN, dist, ...args], { encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 28 });
  const last = (r.stderr ?? '').trim().split('\n').pop();
  try {
    return JSON.parse(last);
  } catch {
    return { code: r.status, peakMb: NaN, error: (r.stderr || String(r.error)).slice(0, 300) };
  }
}

/** `full`: the 32 MiB read and `grade` too (the quick slice measures the two `check` runs only). */
export function memoryRuns({ dist, work, students, generateCohort, full = true }) {
  const rows = [];
  const taskFile = (name, mb) => {
    const dir = path.join(work, name, 'web_infrastructure_design');
    mkdirSync(dir, { recursive: true });
    const paragraph = 'The load balancer spreads the traffic between the web servers because one server alone is a single point of failure. ';
    const diagram = '```mermaid\nflowchart TD\n  U[User] --> LB[HAProxy]\n  LB --> W1[Nginx]\n  LB --> W2[Nginx]\n```\n';
    // Just under `mb` million bytes: the 1 MB file is read whole (the default --max-bytes is 1 MiB).
    const unit = `${paragraph.repeat(20)}\n\n${diagram}`;
    const head = `# 3-scale_up\n\n${diagram}\n`;
    writeFileSync(path.join(dir, '3-scale_up.md'), head + unit.repeat(Math.floor((mb * 1_000_000 - head.length) / unit.length)));
    return path.join(work, name);
  };
  const one = taskFile('one-mb', 1);
  const thirty = taskFile('thirty-mb', 30);
  rows.push({ what: 'check, 1 MB task file', ...peak(dist, ['check', one, '-f', 'json']), limit: MEMORY_LIMITS.check1 });
  rows.push({ what: 'check, 30 MB task file (first 1 MiB read)', ...peak(dist, ['check', thirty, '-f', 'json']), limit: MEMORY_LIMITS.check30 });
  if (full) rows.push({ what: 'check, 30 MB task file, --max-bytes 32 MiB', ...peak(dist, ['check', thirty, '-f', 'json', '--max-bytes', String(32 * 1024 * 1024)]), limit: MEMORY_LIMITS.check30Full });
  if (full && students) {
    const cohort = path.join(work, `cohort-${students}`);
    generateCohort(cohort, students);
    rows.push({ what: `grade, ${students.toLocaleString('en')} students, 2 workers`, ...peak(dist, ['grade', cohort, '--out', path.join(work, 'grade-out'), '--jobs', '2']), limit: MEMORY_LIMITS.grade });
  }
  return rows.map((r) => ({ ...r, ok: Number.isFinite(r.peakMb) && r.peakMb <= r.limit && r.code !== 2 }));
}
