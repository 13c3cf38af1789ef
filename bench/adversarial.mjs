// `npm run bench:adversarial`: infralint against hostile input, with counts (issue 18).
//   mutation     seeded mutations of the Mermaid conformance diagrams and of task files (byte flips,
//                token insertions and deletions, splices, deep nesting, long lines, random Unicode,
//                BOMs, mixed line ends), through the library API under a per-input time limit
//   scaling      pathological families at doubling sizes up to 1 MB, each measure in a fresh process:
//                the growth exponent of each (1 is linear)
//   file system  links, symlinks, pipes, devices, sockets, huge folders: a marker outside each
//                submission never reaches any output, nothing blocks
//   injection    terminal escapes, workflow commands, CSV formulas, XML, HTML/SVG and Markdown in
//                student text, checked in every output format and in grade's outputs
//   bulk faults  kill -9 then --resume, results files cut or edited, two runs on one folder, a full
//                disk, --timeout, the same answer from check and grade
//   memory       peak memory of check (1 MB, 30 MB) and grade, against the documented limits
// Prints tried / crashed / hung / leaked / injected / failed per section; exits 1 on any failure.
//
// Options: --seed N (default 18), --count N (mutated inputs, default 20,000), --quick (the slice
// `npm test` runs: fewer inputs, smaller sizes, the memory of check only), --only a,b (sections by name:
// mutation, scaling, fs, injection, bulk, memory), --limit-ms N (CPU ms per input, default 5,000;
// an input may take 12 times that on the wall clock, so a loaded machine does not fail honest inputs),
// --students N (grade memory run, default 10,000), --keep (keep the scratch folder),
// --replay N (run mutated input N of the seed alone and print it). `npm run fuzz -- --count N` runs
// the mutation section alone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bulkFaults } from './adversarial/bulk.mjs';
import { benchArgs } from './cli-args.mjs';
import { spawnNodeCpuLimited, WALL_BACKSTOP } from './adversarial/cpu-time.mjs';
import { FAMILIES } from './adversarial/families.mjs';
import { fsCases, listFiles, writeOutside } from './adversarial/fs-cases.mjs';
import { fuzz, fuzzInput } from './adversarial/fuzz.mjs';
import { formatProblem, htmlBaseline, htmlProblems, PAYLOADS, writePayloadSubmission } from './adversarial/inject.mjs';
import { memoryRuns } from './adversarial/memory.mjs';
import { seedDiagrams, seedSubmissions } from './adversarial/mutate.mjs';
import { scale } from './adversarial/scale.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.resolve(here, '..');
const dist = path.join(project, 'dist');
const bin = path.join(project, 'bin', 'infralint.js');
const shared = process.env.INFRALINT_SHARED ?? path.resolve(project, '../shared');
const fixtures = path.join(project, 'fixtures');

const { values: args } = benchArgs(import.meta.url, {
  seed: { type: 'string', default: '18' },
  count: { type: 'string' },
  quick: { type: 'boolean', default: false },
  only: { type: 'string' },
  'limit-ms': { type: 'string', default: '5000' },
  students: { type: 'string' },
  keep: { type: 'boolean', default: false },
  replay: { type: 'string' },
});
const quick = args.quick;
const seed = Number(args.seed);
const count = Number(args.count ?? (quick ? '200' : '20000'));
const limitMs = Number(args['limit-ms']);
const only = args.only?.split(',');
const wanted = (section) => !only || only.includes(section);

if (!existsSync(path.join(dist, 'index.js'))) {
  console.error('adversarial: build first (npm run build)');
  process.exit(2);
}

const diagrams = seedDiagrams(shared, fixtures);
const submissions = seedSubmissions(shared, fixtures);

if (args.replay !== undefined) {
  const input = fuzzInput(seed, Number(args.replay), diagrams, submissions);
  process.stdout.write(`${JSON.stringify(input)}\n`);
  process.exit(0);
}

const work = mkdtempSync(path.join(process.env.BENCH_DIR ?? tmpdir(), 'infralint-adversarial-'));
const rows = [];
const details = [];
const row = (section, counts) => {
  const r = { section, tried: 0, crashed: 0, hung: 0, leaked: 0, injected: 0, failed: 0, ...counts };
  rows.push(r);
  return r;
};
const started = performance.now();
console.log(`infralint adversarial suite: seed ${seed}${quick ? ', quick slice' : ''}; scratch ${work}`);

try {
  // Mutation (fuzzing) through the library API.
  if (wanted('mutation')) {
    const r = await fuzz({ dist, seed, count, limitMs, threads: 2, diagrams, submissions, chunk: quick ? 50 : 100 });
    row('mutation', { tried: r.tried, crashed: r.crashed.length, hung: r.hung.length, injected: r.injected.length });
    console.log(`mutation: ${r.tried} inputs (${diagrams.length} diagrams and ${submissions.length} task files mutated), slowest: input ${r.slowest.index} (${r.slowest.bytes} bytes), ${Math.round(r.slowest.ms)} ms of CPU`);
    // Failing inputs are kept as regression cases (test/unit/adversarial-cases.test.ts runs them).
    const cases = path.join(project, 'test', 'data', 'adversarial');
    for (const [kind, list] of [['crash', r.crashed], ['hang', r.hung], ['injection', r.injected]]) {
      for (const failure of list) {
        mkdirSync(cases, { recursive: true });
        const file = path.join(cases, `${kind}-seed${seed}-${failure.index}.txt`);
        writeFileSync(file, failure.minimal ?? failure.text);
        const over = failure.ms !== undefined ? `: over ${Math.round(failure.ms)} ms of CPU (${failure.wallMs} ms)` : '';
        details.push(`mutation: ${kind} on input ${failure.index} (--replay ${failure.index}), kept as ${path.relative(project, file)}${over}${failure.message ? `: ${failure.message.split('\n')[0]}` : ''}${failure.format ? ` (${failure.format})` : ''}`);
      }
    }
  }

  // Size scaling, each measure in a fresh process.
  if (wanted('scaling')) {
    const sizes = quick ? [64 * 1024, 256 * 1024] : [128 * 1024, 256 * 1024, 512 * 1024, 1024 * 1024];
    const families = quick ? ['edge chain, one line', 'blank lines', 'style:# runs', 'one long sentence', 'GitHub links', 'words before an opener'] : undefined;
    console.log(`scaling: ${families?.length ?? Object.keys(FAMILIES).length} families at ${sizes.map((s) => `${s / 1024} KB`).join(', ')} (CPU ms in a fresh process; exponent of the growth, 1 = linear)`);
    const result = scale({
      dist,
      sizes,
      limitMs,
      ...(families ? { only: families } : {}),
      // A quick run's sizes are small: fixed costs dominate, so only a gross excess counts there.
      floorMs: quick ? 2000 : 1000,
      onRow: (r) => console.log(`  ${r.family.padEnd(28)} ${Number.isFinite(r.exponent) ? r.exponent.toFixed(2) : '  - '}  ${r.points.map((p) => `${Math.round(p.bytes / 1024)}K ${Math.round(p.cpuMs)} ms`).join(', ')}${r.problem ? `  ${r.problem.toUpperCase()}` : ''}`),
    });
    row('scaling', {
      tried: result.reduce((n, r) => n + r.points.length, 0),
      crashed: result.filter((r) => r.problem === 'crashed').length,
      hung: result.filter((r) => r.problem === 'hung').length,
      failed: result.filter((r) => r.problem === 'super-linear').length,
    });
    for (const r of result.filter((x) => x.problem)) details.push(`scaling: ${r.family} ${r.problem} (exponent ${r.exponent.toFixed(2)}) ${r.points.map((p) => p.detail ?? '').join(' ')}`);
  }

  // File-system cases: never block, never crash, never show what lies outside.
  if (wanted('fs')) {
    const marker = `OUTSIDE-MARKER-${seed}-${Date.now().toString(36)}`;
    const base = path.join(work, 'fs');
    const outside = path.join(base, 'outside');
    writeOutside(outside, marker);
    const cases = fsCases({ quick, marker });
    const cohort = path.join(base, 'cohort');
    mkdirSync(cohort, { recursive: true });
    let tried = 0;
    let crashed = 0;
    let hung = 0;
    let leaked = 0;
    for (const [k, c] of cases.entries()) {
      const root = path.join(base, `case-${k}`, 'repo');
      mkdirSync(root, { recursive: true });
      await c.fill(root, outside);
      const out = path.join(base, `case-${k}`, 'out');
      mkdirSync(out);
      const formats = ['json', 'github', 'markdown', 'sarif', 'junit', 'csv', 'gradescope'].flatMap((f) => ['-f', `${f}:${path.join(out, `report.${f}`)}`]);
      const startedCase = performance.now();
      // A blocked check (a pipe opened) uses no CPU: the wall-clock backstop stops it.
      const r = spawnNodeCpuLimited([bin, 'check', root, '-f', 'stylish', ...formats], { encoding: 'utf8', cpuMs: limitMs * 3, wallMs: limitMs * WALL_BACKSTOP, maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
      tried++;
      const ms = Math.round(performance.now() - startedCase);
      const outputs = [r.stdout ?? '', r.stderr ?? '', ...listFiles(out).map((f) => readFileSync(f, 'utf8'))].join('\n');
      if (r.overLimit) {
        hung++;
        details.push(`fs: ${c.name}: no answer within ${limitMs * 3} ms of CPU or ${limitMs * WALL_BACKSTOP} ms`);
      } else if (r.status === 2 || r.signal) {
        crashed++;
        details.push(`fs: ${c.name}: exit ${r.status ?? r.signal}: ${(r.stderr ?? '').trim().split('\n')[0]}`);
      }
      if (outputs.includes(marker)) {
        leaked++;
        details.push(`fs: ${c.name}: the marker of a file outside the submission is in an output`);
      }
      if (!quick) console.log(`  fs ${c.name.padEnd(50)} exit ${r.status ?? r.signal} in ${ms} ms`);
      // Each case is also a student of one cohort: grade's outputs must hold no marker either.
      try {
        spawnSync('cp', ['-a', root, path.join(cohort, `case-${String(k).padStart(2, '0')}`)]);
      } catch {
        // a case cp cannot copy (a socket): graded from its own folder only
      }
    }
    const gradeOut = path.join(base, 'grade-out');
    const g = spawnSync(process.execPath, [bin, 'grade', cohort, '--out', gradeOut, '--jobs', '2'], { encoding: 'utf8', timeout: limitMs * 40, maxBuffer: 1 << 28 });
    tried++;
    if (g.error?.code === 'ETIMEDOUT') hung++;
    else if (g.status === 2) {
      crashed++;
      details.push(`fs: grade of the cases: exit 2: ${(g.stderr ?? '').trim().split('\n').pop()}`);
    }
    if (existsSync(gradeOut) && [g.stdout, g.stderr, ...listFiles(gradeOut).map((f) => readFileSync(f, 'utf8'))].join('\n').includes(marker)) {
      leaked++;
      details.push('fs: grade of the cases: the marker is in an output');
    }
    row('file system', { tried, crashed, hung, leaked });
    console.log(`file system: ${cases.length} cases with check (every format), then all of them graded as one cohort`);
  }

  // Injection payloads in every format.
  if (wanted('injection')) {
    const { parse: parseCsv } = await import('csv-parse/sync');
    const { JSDOM } = await import('jsdom');
    const parseXml = (xml) => {
      const doc = new new JSDOM('').window.DOMParser().parseFromString(xml, 'application/xml');
      return doc.getElementsByTagName('parsererror').length ? null : doc;
    };
    const { lintSubmission, formatReport, FORMATS } = await import(`${dist}/index.js`);
    const base = path.join(work, 'injection');
    const cohort = path.join(base, 'cohort');
    let tried = 0;
    let injected = 0;
    let crashed = 0;
    for (const [k, payload] of PAYLOADS.entries()) {
      const root = path.join(base, `case-${k}`);
      writePayloadSubmission(root, payload);
      let report;
      try {
        report = await lintSubmission(root);
      } catch (error) {
        crashed++;
        details.push(`injection: ${payload.name}: ${error?.message ?? error}`);
        continue;
      }
      for (const format of [...FORMATS, 'stylish-colour']) {
        tried++;
        const out = format === 'stylish-colour' ? formatReport(report, 'stylish', { env: { FORCE_COLOR: '1' }, isTTY: true }) : formatReport(report, format, { env: { NO_COLOR: '1' }, isTTY: false });
        const problem = await formatProblem(format, out, { parseCsv, parseXml });
        if (problem) {
          injected++;
          details.push(`injection: ${payload.name} in ${format}: ${problem}`);
        }
      }
      // A student of the cohort too, in a folder named after the payload when the file system takes it.
      const name = `s${String(k).padStart(2, '0')}-${payload.text.replace(/[/\u0000]/g, '_')}`;
      for (const folder of [name, `s${String(k).padStart(2, '0')}`]) {
        try {
          writePayloadSubmission(path.join(cohort, folder), payload);
          break;
        } catch {
          // a name the file system refuses: the plain one
        }
      }
    }
    // A manifest carrying the payloads as names and emails, for the gradebooks.
    const manifest = path.join(base, 'students.csv');
    const students = readdirSync(cohort);
    writeFileSync(manifest, `folder,name,email\n${students.map((s, k) => [s, PAYLOADS[k % PAYLOADS.length].text, PAYLOADS[(k + 1) % PAYLOADS.length].text].map((v) => `"${v.replace(/"/g, '""')}"`).join(',')).join('\n')}\n`);
    const gradeOut = path.join(base, 'grade-out');
    const g = spawnSync(process.execPath, [bin, 'grade', cohort, '--out', gradeOut, '--jobs', '2', '--manifest', manifest], { encoding: 'utf8', timeout: 300_000, maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
    if (g.status === 2 || !existsSync(path.join(gradeOut, 'report.html'))) {
      crashed++;
      details.push(`injection: grade exit ${g.status}: ${(g.stderr ?? '').trim().split('\n').pop()}`);
    } else {
      const clean = path.join(base, 'clean');
      mkdirSync(clean, { recursive: true });
      spawnSync('cp', ['-a', path.join(fixtures, 'complete-flowchart'), path.join(clean, 'a')]);
      spawnSync(process.execPath, [bin, 'grade', clean, '--out', path.join(base, 'clean-out'), '--jobs', '0'], { encoding: 'utf8' });
      const baseline = htmlBaseline(readFileSync(path.join(base, 'clean-out', 'report.html'), 'utf8'), JSDOM);
      const checks = [
        ['report.html', () => htmlProblems(readFileSync(path.join(gradeOut, 'report.html'), 'utf8'), baseline, JSDOM)],
        ['gradebook.csv', async () => [await formatProblem('csv', readFileSync(path.join(gradeOut, 'gradebook.csv'), 'utf8'), { parseCsv })].filter(Boolean)],
        ['project.csv', async () => [await formatProblem('csv', readFileSync(path.join(gradeOut, 'project.csv'), 'utf8'), { parseCsv })].filter(Boolean)],
        ['gradebook.json', async () => [await formatProblem('json', readFileSync(path.join(gradeOut, 'gradebook.json'), 'utf8'), {})].filter(Boolean)],
        ['grade output', async () => [await formatProblem('text', `${g.stdout}${g.stderr}`, {})].filter(Boolean)],
        ...listFiles(path.join(gradeOut, 'feedback')).map((file) => [`feedback ${path.basename(file).slice(0, 12)}`, async () => [await formatProblem('markdown', readFileSync(file, 'utf8'), { tasks: 1 })].filter(Boolean)]),
      ];
      for (const [what, check] of checks) {
        tried++;
        const problems = await check();
        if (problems.length) {
          injected++;
          details.push(`injection: ${what}: ${problems.join('; ')}`);
        }
      }
    }
    row('injection', { tried, crashed, injected });
    console.log(`injection: ${PAYLOADS.length} payloads in labels, edge labels, titles, headings, links, images, file and folder names and a manifest; ${FORMATS.length + 1} formats, grade's gradebooks, report.html and feedback files`);
  }

  // Bulk grading under faults.
  if (wanted('bulk')) {
    const { generateCohort } = await import('./synthetic-cohort.mjs');
    const base = path.join(work, 'bulk');
    const cohort = path.join(base, 'cohort');
    generateCohort(cohort, quick ? 20 : 400, seed);
    // Hostile students mixed in: payloads and pathological families.
    for (const [k, payload] of PAYLOADS.slice(0, quick ? 3 : PAYLOADS.length).entries()) writePayloadSubmission(path.join(cohort, `hostile-payload-${k}`), payload);
    for (const [k, family] of Object.keys(FAMILIES).slice(0, quick ? 3 : undefined).entries()) {
      const dir = path.join(cohort, `hostile-family-${k}`, 'web_infrastructure_design');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, '3-scale_up.md'), FAMILIES[family](quick ? 32 * 1024 : 256 * 1024));
    }
    const slowStudent = (dir) => {
      // Eight files of 1 MB of diagrams: seconds of honest work, over a 2 s timeout.
      const body = `flowchart TD\n${Array.from({ length: 20_000 }, (_, i) => `N${i}["node ${i} (x)"] --> N${i + 1}{"y [z]"}`).join('\n')}`.slice(0, 1_000_000);
      mkdirSync(path.join(dir, 'web_infrastructure_design'), { recursive: true });
      writeFileSync(path.join(dir, 'web_infrastructure_design', '3-scale_up.md'), `# 3\n\n\`\`\`mermaid\n${body}\n\`\`\`\n`);
      for (let k = 0; k < 7; k++) writeFileSync(path.join(dir, 'web_infrastructure_design', `3-scale_up_${k}.md`), `\`\`\`mermaid\n${body}\nX[ -->\n\`\`\`\n`);
    };
    const results = await bulkFaults({ bin, cohort, work: base, quick, slowStudent });
    for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.detail ? ` (${r.detail})` : ''}`);
    for (const r of results.filter((x) => !x.ok)) details.push(`bulk: ${r.name}: ${r.detail}`);
    row('bulk faults', { tried: results.length, failed: results.filter((r) => !r.ok).length });
  }

  // Peak memory.
  // The quick slice measures `check` on the 1 MB and 30 MB task files only (seconds, not minutes).
  if (wanted('memory')) {
    const { generateCohort } = await import('./synthetic-cohort.mjs');
    const result = memoryRuns({ dist, work: path.join(work, 'memory'), students: Number(args.students ?? '10000'), generateCohort, full: !quick });
    console.log('memory (peak resident, MB, against the limits in README.md):');
    for (const r of result) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.what.padEnd(48)} ${String(r.peakMb).padStart(6)} MB (limit ${r.limit} MB)${r.error ? ` ${r.error}` : ''}`);
    row('memory', { tried: result.length, failed: result.filter((r) => !r.ok).length });
    for (const r of result.filter((x) => !x.ok)) details.push(`memory: ${r.what}: ${r.peakMb} MB over ${r.limit} MB`);
  }
} finally {
  if (!args.keep) rmSync(work, { recursive: true, force: true });
}

const total = row('total', Object.fromEntries(['tried', 'crashed', 'hung', 'leaked', 'injected', 'failed'].map((k) => [k, rows.reduce((n, r) => n + r[k], 0)])));
console.log('');
console.log(`${'section'.padEnd(12)} ${['tried', 'crashed', 'hung', 'leaked', 'injected', 'failed'].map((h) => h.padStart(8)).join(' ')}`);
for (const r of rows) console.log(`${r.section.padEnd(12)} ${['tried', 'crashed', 'hung', 'leaked', 'injected', 'failed'].map((k) => String(r[k]).padStart(8)).join(' ')}`);
for (const d of details) console.log(`  ${d}`);
console.log(`${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exitCode = total.crashed + total.hung + total.leaked + total.injected + total.failed ? 1 : 0;
