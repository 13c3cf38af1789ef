// `npm run bench:report`: how big report.html is and how fast it opens in Chromium (Debian's
// /usr/bin/chromium, or CHROMIUM_PATH) driven by playwright-core.
// Usage: node bench/report-open.mjs [report.html] [runs]. Without a report, grades a synthetic
// cohort of SIZE students (default 2,000; bench/synthetic-cohort.mjs, seeded) with 2 workers first.
// The page is opened at #students-h, the students table, as a mentor jumping to it would.
// Prints the file's size, then per run: time to the load event, to the first contentful paint, to
// the students table painted (Element Timing on the table's caption), and to the report's own
// `report-ready` mark (its script has paged the table); the median of the runs last.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { benchArgs } from './cli-args.mjs';
import { generateCohort } from './synthetic-cohort.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { positionals } = benchArgs(import.meta.url, {}, { positionals: true });
let file = positionals[0];
const runs = Number(positionals[1] ?? 5);
let work = null;
if (!file) {
  const size = Number(process.env.SIZE ?? 2000);
  work = mkdtempSync(path.join(process.env.BENCH_DIR ?? tmpdir(), 'infralint-bench-report-'));
  generateCohort(path.join(work, 'cohort'), size);
  const started = performance.now();
  // Exit 1 is expected: the cohort holds broken submissions (error rows); 2 is a failure to grade.
  const graded = spawnSync(process.execPath, [path.join(root, 'bin/infralint.js'), 'grade', path.join(work, 'cohort'), '--out', path.join(work, 'out'), '--jobs', '2'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (graded.status !== 0 && graded.status !== 1) throw new Error(`infralint grade failed (exit ${graded.status}): ${graded.stderr}`);
  console.log(`graded ${size} synthetic students in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  file = path.join(work, 'out', 'report.html');
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const ms = (n) => (n === null || n === undefined ? '-' : `${Math.round(n)} ms`);
try {
  console.log(`${file}: ${(statSync(file).size / 1e6).toFixed(2)} MB`);
  const rows = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Observers set before the page's own code runs: Element Timing entries are only kept for observers.
    await page.addInitScript(() => {
      window.__tablePaint = null;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (entry.identifier === 'students' && window.__tablePaint === null) window.__tablePaint = entry.renderTime || entry.loadTime;
      }).observe({ type: 'element', buffered: true });
    });
    const started = Date.now();
    await page.goto(`${pathToFileURL(file).href}#students-h`, { waitUntil: 'load', timeout: 120_000 });
    const wall = Date.now() - started;
    await page.waitForTimeout(300);
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const ready = performance.getEntriesByName('report-ready')[0];
      return { load: nav?.loadEventStart ?? null, fcp: fcp?.startTime ?? null, table: window.__tablePaint, ready: ready?.startTime ?? null, height: document.documentElement.scrollHeight };
    });
    rows.push({ ...t, wall });
    console.log(`run ${i + 1}: load ${ms(t.load)}, first paint ${ms(t.fcp)}, students table painted ${ms(t.table)}, script ready ${ms(t.ready)}, page ${t.height} px tall (goto ${wall} ms)`);
    await page.close();
  }
  const median = (key) => {
    const values = rows.map((r) => r[key]).filter((v) => v !== null).sort((a, b) => a - b);
    return values.length ? values[values.length >> 1] : null;
  };
  console.log(`median of ${runs}: load ${ms(median('load'))}, first paint ${ms(median('fcp'))}, students table painted ${ms(median('table'))}, script ready ${ms(median('ready'))}`);
} finally {
  await browser.close();
  if (work) rmSync(work, { recursive: true, force: true });
}
