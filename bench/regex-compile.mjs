// `node bench/regex-compile.mjs`: what a cold `check` spends on each regular expression beyond
// matching it: compiling it (V8 compiles an expression on its first use; under --regexp-tier-up, to
// bytecode first and again to machine code on its next use) and interpreting it until then. Node 24
// (V8 13) writes no expression's code into the startup snapshot (bin/snapshot-entry.cjs), so its cold
// checks compile every expression they use; Node 20 keeps the interpreter's bytecode.
// How: the cold check itself, started by bin/infralint as a user's is. A scratch copy of bin/ and of the
// build gets a snapshot whose deserialize main is the real one (the V8 flags it sets; --v8-flags
// after them) up to where it runs the CLI; there it wraps RegExp.prototype.exec (every regexp
// builtin, test, replace, split, matchAll, then goes through it), runs the checks once, and times
// each expression's first 64 calls in CPU time, per expression (source and flags: V8 compiles once
// per pair). After the check it replays those calls (same subjects, same lastIndex) on the same
// expression, compiled by then: the difference is the expression's cost, compiling and interpreting
// (its steady matching is printed beside it). Replaying, not checking again, because the prose
// reader caches its readings per text (a second check would not run the expressions at all). Each
// figure is the least of --repeat fresh starts (V8's helper threads and the kernel only add to a
// figure); the total is the sum over the expressions.
// The wrapper makes V8 take its generic path for every builtin, in the check and in the replay
// alike; split makes a sticky copy of its expression, listed with the flag y. The snapshot is warmed
// by checking bundled fixtures (native-complete, the default, among them), whose readings it keeps:
// a bundled fixture is checked as a copy whose prose is changed (bench/unseen-copy.mjs, as bench:cold
// does), which runs the prose reader's expressions as a student's submission does; a folder given by
// its path is checked as it is.
//   node bench/regex-compile.mjs [--node <binary>] [--fixture native-complete ...] [--top 25]
//     [--repeat 7] [--v8-flags "--no-regexp-tier-up"] [--dist <folder>] [--json <file>]
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from './cli-args.mjs';
import { median, sum } from './stats.mjs';
import { unseenCopy } from './unseen-copy.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = benchArgs(import.meta.url, {
  node: { type: 'string', default: process.execPath },
  fixture: { type: 'string', multiple: true, default: ['native-complete'] },
  top: { type: 'string', default: '25' },
  repeat: { type: 'string', default: '7' },
  'v8-flags': { type: 'string', default: '' },
  dist: { type: 'string', default: path.join(root, 'dist') },
  json: { type: 'string' },
});

const work = mkdtempSync(path.join(tmpdir(), 'infralint-regex-compile-'));
try {
  const start = measuringSnapshot(work);
  report(measure(start));
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * The deserialize main's stand-in for running the CLI: the cold checks, every expression's calls
 * recorded, then each expression's compile measured on them; JSON on stdout. Its source goes into
 * the snapshot's entry, so it uses nothing but its arguments, `process` and the builtins.
 */
function timeChecks(cli, argv) {
  const v8Flags = process.env.INFRALINT_BENCH_V8_FLAGS;
  if (v8Flags) process.getBuiltinModule('node:v8').setFlagsFromString(v8Flags);
  // The process's CPU time: the kernel brings the calling thread's up to date when asked (a thread's
  // own figure, process.threadCpuUsage, moves in 4 ms ticks), so a call of microseconds is measured.
  const cpuMicroseconds = () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  };
  // Each expression's first calls are timed, and replayed afterwards on the same (by then compiled)
  // expression: its cost is the difference. Its later calls run compiled code in the check too.
  const TIMED = 64;
  const exec = RegExp.prototype.exec;
  const seen = new Map();
  RegExp.prototype.exec = function recordedExec(subject) {
    const key = `/${this.source}/${this.flags}`;
    let entry = seen.get(key);
    if (!entry) seen.set(key, (entry = { regexp: this, ms: 0, calls: [] }));
    if (entry.calls.length >= TIMED) return exec.call(this, subject);
    entry.calls.push([String(subject), this.lastIndex]);
    const start = cpuMicroseconds();
    try {
      return exec.call(this, subject);
    } finally {
      entry.ms += (cpuMicroseconds() - start) / 1000;
    }
  };
  const silent = { stdout: () => {}, stderr: () => {}, env: {}, cwd: process.cwd(), isTTY: false, stderrIsTTY: false };
  const replay = (regexp, calls) => {
    const start = cpuMicroseconds();
    for (const [subject, lastIndex] of calls) {
      regexp.lastIndex = lastIndex;
      exec.call(regexp, subject);
    }
    return (cpuMicroseconds() - start) / 1000;
  };
  return (async () => {
    const checkStart = cpuMicroseconds();
    for (const fixture of argv) {
      const code = await cli.main(['check', fixture], silent);
      if (code === 2) throw new Error(`infralint check ${fixture} exited 2`);
    }
    const check = (cpuMicroseconds() - checkStart) / 1000;
    RegExp.prototype.exec = exec;
    const expressions = {};
    for (const [key, { regexp, ms, calls }] of seen) {
      replay(regexp, calls);
      expressions[key] = { cold: ms, steady: replay(regexp, calls), calls: calls.length };
    }
    process.stdout.write(JSON.stringify({ check, expressions }));
  })();
}

/** A scratch install whose snapshot's main is timeChecks; returns the command that starts it cold. */
function measuringSnapshot(dir) {
  const dist = path.join(dir, 'dist');
  cpSync(path.join(root, 'bin'), path.join(dir, 'bin'), { recursive: true });
  cpSync(args.dist, dist, { recursive: true, filter: (from) => !/\.(blob|root|cache|snapshots)$/.test(from) });
  for (const shared of ['rules', 'fixtures', 'node_modules']) symlinkSync(path.join(root, shared), path.join(dir, shared));
  copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  const entry = path.join(dir, 'bin', 'snapshot-entry.cjs');
  const runsTheCli = '  return runCli(cli.exports, process.argv.slice(1));\n});';
  const template = readFileSync(entry, 'utf8');
  if (!template.includes(runsTheCli)) throw new Error(`bin/snapshot-entry.cjs no longer ends its main with: ${runsTheCli}`);
  writeFileSync(entry, template.replace(runsTheCli, `  return (${timeChecks})(cli.exports, process.argv.slice(1));\n});`));
  const built = spawnSync(process.execPath, [path.join(dir, 'bin', 'build-snapshot.js'), '--node', args.node], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`building the measuring snapshot failed: ${built.stderr}`);
  // The scratch install's own launcher: the V8 flags and the seed are the ones a user's check starts with.
  const bundled = (f) => !path.isAbsolute(f) && existsSync(path.join(root, 'fixtures', f));
  return [path.join(dir, 'bin', 'infralint'), ...args.fixture.map((f) => (bundled(f) ? unseenCopy(f) : path.resolve(root, 'fixtures', f)))];
}

/** Per expression: the least over fresh starts of its replay's time cold and steady, and their difference. */
function measure(start) {
  const least = new Map();
  const env = { ...process.env, INFRALINT_BENCH_V8_FLAGS: args['v8-flags'], PATH: `${path.dirname(args.node)}${path.delimiter}${process.env.PATH}`, INFRALINT_DEBUG_LAUNCH: '1' };
  delete env.NODE_OPTIONS;
  delete env.INFRALINT_SNAPSHOT;
  const [launcher, ...fixtures] = start;
  const checks = [];
  for (let k = 0; k < Number(args.repeat); k++) {
    const run = spawnSync(launcher, fixtures, { encoding: 'utf8', env, maxBuffer: 1 << 28 });
    // Started without the measuring snapshot, the launcher would run the plain CLI on these arguments.
    if (run.status !== 0 || !run.stderr.includes('from the snapshot')) throw new Error(`the measuring snapshot did not run (exit ${run.status ?? run.signal}): ${run.stderr.trim()}`);
    const { check, expressions } = JSON.parse(run.stdout);
    checks.push(check);
    for (const [key, e] of Object.entries(expressions)) {
      const known = least.get(key);
      if (known) for (const field of ['cold', 'steady']) known[field] = Math.min(known[field], e[field]);
      else least.set(key, e);
    }
  }
  const expressions = [...least].map(([key, e]) => ({ key, ...e, cost: Math.max(0, e.cold - e.steady) }));
  expressions.sort((a, b) => b.cost - a.cost);
  return { total: sum(expressions.map((e) => e.cost)), inCheck: sum(expressions.map((e) => e.cold)), check: median(checks), expressions };
}

function report({ total, inCheck, check, expressions }) {
  const ms = (value) => `${value.toFixed(2)} ms`.padStart(9);
  const version = execFileSync(args.node, ['--version'], { encoding: 'utf8' }).trim();
  const top = expressions.slice(0, Number(args.top));
  console.log(`Node ${version}, from its snapshot${args['v8-flags'] ? `, then ${args['v8-flags']}` : ''}, check ${args.fixture.join(', ')}: ${expressions.length} expressions run`);
  console.log(`the check: ${check.toFixed(1)} ms of CPU after the start (median; exec timed in it), ${inCheck.toFixed(1)} ms in the timed calls`);
  console.log(`compiling and interpreting beyond steady matching: ${total.toFixed(1)} ms (top ${top.length}: ${sum(top.map((e) => e.cost)).toFixed(1)} ms)`);
  console.log('     cost    steady  calls  expression');
  for (const e of top) {
    const shown = e.key.length > 110 ? `${e.key.slice(0, 90)}... (${e.key.length} chars)` : e.key;
    console.log(`${ms(e.cost)} ${ms(e.steady)} ${String(e.calls).padStart(6)}  ${shown}`);
  }
  if (args.json) writeFileSync(args.json, `${JSON.stringify({ node: version, flags: args['v8-flags'], fixtures: args.fixture, check, inCheck, total, expressions }, null, 1)}\n`);
}
