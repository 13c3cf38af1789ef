// Size-scaling runs: each family at doubling sizes, each measure in a fresh process, and the growth
// exponent (slope of log time over log size on the largest sizes). Linear is 1.
import { fileURLToPath } from 'node:url';
import { spawnNodeCpuLimited } from './cpu-time.mjs';
import { FAMILIES } from './families.mjs';

const RUN = fileURLToPath(new URL('./scale-run.mjs', import.meta.url));

/** Least-squares slope of log(y) over log(x). */
export function growthExponent(points) {
  const xs = points.map((p) => Math.log(p.bytes));
  const ys = points.map((p) => Math.log(Math.max(1, p.cpuMs)));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let k = 0; k < xs.length; k++) {
    num += (xs[k] - mx) * (ys[k] - my);
    den += (xs[k] - mx) ** 2;
  }
  return den ? num / den : 0;
}

/**
 * Measures every family (or `only`) at `sizes`. A family fails when its time grows faster than
 * linearly (exponent over `maxExponent` once the largest run costs over `floorMs`), or when one run
 * exceeds `limitMs` of CPU or crashes.
 */
export function scale({ dist, sizes, limitMs, maxExponent = 1.3, floorMs = 1000, only, onRow }) {
  const rows = [];
  for (const family of Object.keys(FAMILIES)) {
    if (only && !only.includes(family)) continue;
    const points = [];
    let problem = null;
    for (const bytes of sizes) {
      // The process's start and warm-up are counted by the kernel's limit too: twice the limit.
      const r = spawnNodeCpuLimited([RUN, dist, family, String(bytes)], { encoding: 'utf8', cpuMs: limitMs * 2 });
      if (r.error || r.status !== 0) {
        problem = r.overLimit ? 'hung' : 'crashed';
        points.push({ bytes, cpuMs: NaN, rssMb: NaN, detail: (r.stderr || String(r.error)).split('\n').slice(0, 3).join(' ') });
        break;
      }
      const point = JSON.parse(r.stdout.trim().split('\n').pop());
      points.push(point);
      if (point.cpuMs > limitMs) {
        problem = 'hung';
        break;
      }
    }
    const measured = points.filter((p) => Number.isFinite(p.cpuMs));
    const exponent = measured.length >= 2 ? growthExponent(measured.slice(-3)) : NaN;
    const largest = measured[measured.length - 1];
    if (!problem && exponent > maxExponent && largest && largest.cpuMs > floorMs) problem = 'super-linear';
    const row = { family, points, exponent, problem };
    rows.push(row);
    onRow?.(row);
  }
  return rows;
}
