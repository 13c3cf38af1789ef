// Bulk grading under faults: kill -9 at several points then --resume, results files cut or edited,
// two runs on one folder, a full disk, a slow student under --timeout, the same answer from check,
// grade --jobs 0 and grade --jobs 2, and temporary files cleaned by the next run.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from './fs-cases.mjs';

const OUTPUTS = ['results.jsonl', 'gradebook.csv', 'gradebook.json', 'project.csv', 'report.html'];

/** A digest of a run's outputs (every file, feedback included): equal digests, byte-identical outputs. */
export function outputsDigest(out) {
  const hash = createHash('sha1');
  if (!existsSync(out)) return 'none';
  for (const file of [...OUTPUTS.map((f) => path.join(out, f)), ...(existsSync(path.join(out, 'feedback')) ? listFiles(path.join(out, 'feedback')).sort() : [])]) {
    hash.update(path.relative(out, file));
    hash.update(existsSync(file) ? readFileSync(file) : 'missing');
  }
  return hash.digest('hex');
}

function temporaries(out) {
  return existsSync(out) ? readdirSync(out).filter((n) => /\.tmp-\d+-\d+$/.test(n) || n === '.infralint-commit.json' || n === '.infralint.lock') : [];
}

/** Runs the CLI and resolves when it exits (or is killed): code, signal, stderr, stdout. */
function cli(bin, args, { killWhen, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const check = () => {
      if (killWhen?.({ stdout, stderr })) child.kill('SIGKILL');
    };
    child.stdout.on('data', (d) => {
      stdout += d;
      check();
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      check();
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut: signal === 'SIGKILL' && !killWhen });
    });
  });
}

/** How far a run says it is: the last `done/total` of its progress lines. */
function doneShare(stderr) {
  const all = [...stderr.matchAll(/(\d+)\/(\d+) graded/g)];
  const last = all[all.length - 1];
  return last ? Number(last[1]) / Number(last[2]) : 0;
}

/**
 * The fault runs. `cohort` is a folder of students; `work` a scratch folder. Returns a list of
 * { name, ok, detail } (a fault survived when ok).
 */
export async function bulkFaults({ bin, cohort, work, quick, slowStudent }) {
  const results = [];
  const record = (name, ok, detail = '') => results.push({ name, ok, detail });
  const grade = (out, extra = [], options) => cli(bin, ['grade', cohort, '--out', out, '--jobs', '2', ...extra], options);

  // The reference: a clean run.
  const reference = path.join(work, 'reference');
  const clean = await grade(reference);
  record('a clean run', clean.code === 0 || clean.code === 1, `exit ${clean.code}`);
  const want = outputsDigest(reference);

  // The same answer, whatever runs it: grade --jobs 0, and check on a few students.
  const inThread = path.join(work, 'jobs0');
  await cli(bin, ['grade', cohort, '--out', inThread, '--jobs', '0']);
  const scoresOf = (out) => {
    const book = JSON.parse(readFileSync(path.join(out, 'gradebook.json'), 'utf8'));
    return new Map(book.students.map((s) => [s.student, JSON.stringify([s.status, s.tasks?.map((t) => [t.task, t.score, t.verdict])])]));
  };
  const a = scoresOf(reference);
  const b = scoresOf(inThread);
  const differ = [...a.keys()].filter((k) => a.get(k) !== b.get(k));
  record('grade --jobs 0 and --jobs 2 agree on every student', differ.length === 0, differ.slice(0, 5).join(', '));
  const students = readdirSync(cohort).filter((s) => !s.startsWith('.') && statSync(path.join(cohort, s), { throwIfNoEntry: false })?.isDirectory()).sort();
  const sample = students.filter((_, k) => k % Math.max(1, Math.floor(students.length / (quick ? 4 : 12))) === 0);
  const book = JSON.parse(readFileSync(path.join(reference, 'gradebook.json'), 'utf8'));
  const disagree = [];
  // grade reads the whole cohort with one set of rubrics (its curriculum): check is given the same.
  const rubricArgs = book.tasks.length === 1 ? ['--rubric', book.tasks[0]] : [];
  for (const student of sample) {
    const r = spawnSync(process.execPath, [bin, 'check', path.join(cohort, student), ...rubricArgs, '-f', 'json'], { encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 28 });
    const row = book.students.find((s) => s.student === student);
    if (!row || row.status !== 'graded') continue;
    let checked;
    try {
      checked = JSON.parse(r.stdout).results.map((t) => [t.task, t.score]);
    } catch {
      disagree.push(`${student} (check exit ${r.status})`);
      continue;
    }
    const graded = row.tasks.map((t) => [t.task, t.score]);
    if (JSON.stringify(checked) !== JSON.stringify(graded)) disagree.push(student);
  }
  record(`check agrees with grade (${sample.length} students)`, disagree.length === 0, disagree.join(', '));

  // kill -9 at several points, then --resume: the outputs of a clean run, and no temporary left.
  const points = quick ? [0.5] : [0.1, 0.5, 0.9, 1];
  for (const share of points) {
    const out = path.join(work, `killed-${share}`);
    // A run that completed before, then one killed in the middle of writing over it.
    cpSync(reference, out, { recursive: true });
    const killed = await grade(out, [], { killWhen: ({ stderr, stdout }) => (share >= 1 ? /Graded \d+/.test(stdout) || doneShare(stderr) >= 1 : doneShare(stderr) >= share) });
    const whole = outputsDigest(out) === want || !killed.signal;
    const resumed = await grade(out, ['--resume']);
    const same = outputsDigest(out) === want;
    const left = temporaries(out);
    record(`kill -9 at ${Math.round(share * 100)}% then --resume`, whole && same && left.length === 0 && (resumed.code === 0 || resumed.code === 1), `${killed.signal ?? `exit ${killed.code}`}; outputs ${same ? 'identical' : 'DIFFERENT'}; temporaries left: ${left.join(', ') || 'none'}`);
  }
  // Killed twice, the second time while resuming.
  if (!quick) {
    const out = path.join(work, 'killed-twice');
    await grade(out, [], { killWhen: ({ stderr }) => doneShare(stderr) >= 0.4 });
    await grade(out, ['--resume'], { killWhen: ({ stderr }) => doneShare(stderr) >= 0.2 });
    await grade(out, ['--resume']);
    record('killed twice (once while resuming) then --resume', outputsDigest(out) === want && temporaries(out).length === 0, temporaries(out).join(', '));
  }

  // Results files cut or edited: a clear error with the file and the line, outputs untouched.
  const lines = readFileSync(path.join(reference, 'results.jsonl'), 'utf8').trimEnd().split('\n');
  const edits = [
    ['cut at a line boundary', () => lines.slice(0, Math.max(2, lines.length - 3)).join('\n'), /results\.jsonl:\d+: the file ends without its closing line/],
    ['cut inside a line', () => `${lines.slice(0, 3).join('\n')}\n${lines[3].slice(0, 50)}`, /results\.jsonl:4: not valid JSON/],
    ['a null line', () => [lines[0], 'null', ...lines.slice(1)].join('\n'), /results\.jsonl:2: not a record infralint wrote/],
    ['a score edited', () => lines.map((l, k) => (k === 2 ? l.replace(/"score":[\d.]+/, '"score":100') : l)).join('\n'), /results\.jsonl:3: the record of .* was changed/],
    ['a record removed', () => [...lines.slice(0, 2), ...lines.slice(3)].join('\n'), /results\.jsonl:\d+: the closing line counts/],
  ];
  for (const [name, edit, message] of quick ? [edits[0], edits[2], edits[3]] : edits) {
    const out = path.join(work, `edited-${name.replace(/\W+/g, '-')}`);
    cpSync(reference, out, { recursive: true });
    writeFileSync(path.join(out, 'results.jsonl'), `${edit()}\n`);
    const before = outputsDigest(out);
    const resumed = await grade(out, ['--resume']);
    const merged = await cli(bin, ['merge', path.join(out, 'results.jsonl'), '--out', path.join(work, `merged-${name.replace(/\W+/g, '-')}`)]);
    const ok = resumed.code === 2 && message.test(resumed.stderr) && merged.code === 2 && message.test(merged.stderr) && outputsDigest(out) === before;
    record(`results.jsonl ${name}: refused with file and line`, ok, `${resumed.stderr.trim().split('\n').pop()}`);
  }

  // Two runs on one folder at once: the second is refused.
  {
    const out = path.join(work, 'two-at-once');
    let second = null;
    const first = grade(out, ['--jobs', '1'], {
      killWhen: ({ stderr }) => {
        if (!second && doneShare(stderr) > 0) second = grade(out);
        return false;
      },
    });
    await first;
    const r = second ? await second : { code: -1, stderr: 'the first run ended before a second could start' };
    record('two runs on one --out at once: the second refused', r.code === 2 && /being written by another infralint run/.test(r.stderr), r.stderr.trim().split('\n').pop());
  }

  // A full disk: a clear error, the previous outputs whole (a small tmpfs, when mounting is allowed).
  {
    const mount = path.join(work, 'small-disk');
    mkdirSync(mount, { recursive: true });
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mount]).status === 0;
    if (!mounted) record('a full disk (skipped: cannot mount a small tmpfs here)', true);
    else {
      try {
        const out = path.join(mount, 'out');
        const small = path.join(work, 'small-cohort');
        mkdirSync(small, { recursive: true });
        // Three ordinary students: their outputs fit the small disk with room to spare.
        const ordinary = students.filter((s) => !s.startsWith('hostile-'));
        for (const s of (ordinary.length >= 3 ? ordinary : students).slice(0, 3)) cpSync(path.join(cohort, s), path.join(small, s), { recursive: true, verbatimSymlinks: true });
        await cli(bin, ['grade', small, '--out', out, '--jobs', '2']);
        const before = outputsDigest(out);
        // The disk filled but for 64 KB: the next run cannot write its outputs, whatever the cohort.
        const { bavail, bsize } = statfsSync(mount);
        const filler = path.join(mount, 'filler');
        writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - 64 * 1024)));
        const full = await grade(out);
        const ok = full.code === 2 && /the disk is full \(ENOSPC\); the previous outputs are untouched/.test(full.stderr) && outputsDigest(out) === before;
        record('a full disk: a clear error, the previous outputs whole', ok, full.stderr.trim().split('\n').pop());
        rmSync(filler);
        const again = await cli(bin, ['grade', small, '--out', out, '--jobs', '2']);
        record('after a full disk, the next run leaves no temporary', (again.code === 0 || again.code === 1) && temporaries(out).length === 0, `exit ${again.code}; ${temporaries(out).join(', ') || 'no temporary'}; ${again.stderr.trim().split('\n').pop()}`);
      } finally {
        spawnSync('umount', [mount]);
      }
    }
  }

  // --timeout bounds each student, not a batch of 16: the slow student's run takes its timeout (and
  // the others of its batch graded again) longer than the same cohort without it, where one timeout
  // per student of the batch would be 16 x 2 s longer. The two runs are timed together, so a loaded
  // machine slows both.
  if (slowStudent) {
    const slowCohort = path.join(work, 'slow-cohort');
    const plainCohort = path.join(work, 'plain-cohort');
    // Ordinary students around it: a hostile one near 2 s on a loaded machine would blur the count of error rows.
    for (const s of students.filter((x) => !x.startsWith('hostile-')).slice(0, 20)) {
      cpSync(path.join(cohort, s), path.join(slowCohort, s), { recursive: true, verbatimSymlinks: true });
      cpSync(path.join(cohort, s), path.join(plainCohort, s), { recursive: true, verbatimSymlinks: true });
    }
    slowStudent(path.join(slowCohort, 'aaa-slow'));
    const timed = async (dir, out) => {
      const started = performance.now();
      const r = await cli(bin, ['grade', dir, '--out', out, '--jobs', '2', '--timeout', '2']);
      return { ...r, seconds: (performance.now() - started) / 1000 };
    };
    const plain = await timed(plainCohort, path.join(work, 'plain-out'));
    const r = await timed(slowCohort, path.join(work, 'slow-out'));
    const rows = JSON.parse(readFileSync(path.join(work, 'slow-out', 'gradebook.json'), 'utf8')).students;
    const row = rows.find((s) => s.student === 'aaa-slow');
    const plainErrors = JSON.parse(readFileSync(path.join(work, 'plain-out', 'gradebook.json'), 'utf8')).students.filter((s) => s.status === 'error').length;
    const otherErrors = rows.filter((s) => s.student !== 'aaa-slow' && s.status === 'error').length;
    const extra = r.seconds - plain.seconds;
    // Exit 1: a row is an error (exit 2 would be a crash, a signal a run that did not end by itself).
    const ok = extra < 8 * 2 && /longer than 2 s/.test(row?.error ?? '') && otherErrors === plainErrors && r.code === 1 && !r.signal;
    record('--timeout 2 bounds the slow student, not its batch of 16; exit 1', ok, `${r.seconds.toFixed(1)} s, ${extra.toFixed(1)} s more than without it; exit ${r.code ?? r.signal}; ${row?.error ?? 'no row'}; other error rows ${otherErrors} (${plainErrors} without it)`);
  }
  return results;
}
