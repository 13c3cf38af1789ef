// `npm run bench:cold`: a cold `infralint check` (one fresh process per run, started as a user starts
// it: bin/infralint, the launcher npm links) against the floor no CLI can beat (`node -e 0`) and
// against importing markdown-it alone (the one dependency every check needs). The cases run in
// alternating rounds (each round runs every case once, in a rotating order), so that a busy moment
// of a shared host falls on all of them alike; figures are medians over the rounds, and the ratios
// are medians of the per-round ratios.
// Two figures per case, both of the whole process tree (the sh launcher, its `node --version`, node),
// taken by bash around the command: wall time, and CPU time (user + system of every process and
// thread, from the kernel's accounting of waited-for children: `times`). On a shared host, CPU is
// the steadier one. "no snapshot" rows are the same checks with INFRALINT_SNAPSHOT=off (the CLI
// loaded from its bundle with its code cache): what a Node without a snapshot gets.
//   npm run bench:cold -- --node 24 [--node /path/to/node ...]  also measures under other Nodes (a major
//                                     version is installed with npm into the temporary folder once)
//   RUNS=31 npm run bench:cold        more rounds (default 21)
//   npm run bench:cold -- --baseline /copy/of/an/older/build/bin/infralint
//                                     the same checks by another build, in the same rounds (before/after);
//                                     refused when that build would start without its snapshot where
//                                     this one starts from its own (build the copy's snapshots first)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from './cli-args.mjs';
import { median } from './stats.mjs';
import { unseenCopy } from './unseen-copy.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const launcher = path.join(root, 'bin/infralint');
const rounds = Number(process.env.RUNS ?? 21);
const { values: args } = benchArgs(import.meta.url, { node: { type: 'string', multiple: true, default: [] }, baseline: { type: 'string' } });
const nodes = [process.execPath, ...args.node.map(nodeBinary)];
const baseline = args.baseline ? path.resolve(args.baseline) : null;

/** A path to a Node binary, or a major version (`24`) installed from npm's `node` package into the temporary folder. */
function nodeBinary(spec) {
  if (!/^\d+$/.test(spec)) return path.resolve(spec);
  const prefix = path.join(tmpdir(), `node${spec}`);
  const binary = path.join(prefix, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(binary)) {
    console.log(`installing Node ${spec} into ${prefix} (npm's node package)`);
    execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `node@${spec}`], { stdio: 'inherit' });
  }
  return binary;
}

// Bars of issue 17 (cold check against `node -e 0`).
const BARS = { flowchart: 2, sequence: 2, 'architecture-beta': 2.5 };

// Each case checks a copy of its fixture the snapshot has not read (bench/unseen-copy.mjs), as a
// student's submission is.
const fixture = unseenCopy;
const checks = [
  { name: 'flowchart', bar: 'flowchart', args: ['check', fixture('complete-flowchart')] },
  { name: 'sequence', bar: 'sequence', args: ['check', fixture('sequence-only')] },
  { name: 'architecture-beta', bar: 'architecture-beta', args: ['check', fixture('architecture-beta')] },
  { name: '--format json worked-example', args: ['check', '--format', 'json', fixture('worked-example')] },
  // What a student's `infralint check` in a repository reads: every task of the project folder
  // (tasks 0-2 have rubrics and readers of their own). No bar: the issue's bars are of one submission.
  { name: 'a project folder, tasks 0-3', args: ['check', fixture('all-tasks')] },
];
// Two more floors, for what a start from a snapshot can reach: Node started from a snapshot that holds
// nothing of ours (what any user-land snapshot costs over Node's built-in one), and infralint's own
// snapshot restored to print its version (the heap read back, no check run).
const emptySnapshots = new Map(); // node -> its empty snapshot's blob (buildEmptySnapshot)
const cases = [
  { name: 'node -e 0 (floor)', command: ['node', '-e', '0'] },
  { name: 'import markdown-it alone', command: ['node', '--input-type=module', '-e', "import 'markdown-it'"] },
  { name: 'an empty snapshot (no infralint)', command: (node) => ['node', '--snapshot-blob', emptySnapshots.get(node)] },
  { name: 'infralint --version (its snapshot, no check)', command: [launcher, '--version'] },
  ...checks.map((c) => ({ name: `check ${c.name}`, bar: c.bar, command: [launcher, ...c.args] })),
  ...checks.filter((c) => c.bar).map((c) => ({ name: `check ${c.name}, no snapshot`, command: [launcher, ...c.args], env: { INFRALINT_SNAPSHOT: 'off' } })),
];
if (baseline) {
  const start = baseline.endsWith('.js') ? ['node', baseline] : [baseline];
  for (const c of checks) cases.push({ name: `(baseline) check ${c.name}`, command: [...start, ...c.args] });
}

// bash measures the command: EPOCHREALTIME around it, and `times`, whose second line is the CPU
// time of the children it waited for (the whole tree), in milliseconds.
const MEASURE = 't0=$EPOCHREALTIME; "$@" >/dev/null 2>&3; s=$?; t1=$EPOCHREALTIME; times; echo "$t0 $t1"; exit $s';
const seconds = (text) => { const m = /(\d+)m([\d.]+)s/.exec(text); return Number(m[1]) * 60 + Number(m[2]); };

function once(node, c) {
  const command = typeof c.command === 'function' ? c.command(node) : c.command;
  const env = { ...process.env, ...c.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` };
  delete env.NODE_OPTIONS;
  const child = spawnSync('bash', ['-c', MEASURE, 'bench', ...command], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'], encoding: 'utf8' });
  if (child.status !== 0 && child.status !== 1) throw new Error(`${command.join(' ')} (${node}) exited ${child.status}: ${child.output[3]}${child.stderr}`);
  const [, children, clock] = child.stdout.trim().split('\n');
  const [user, system] = children.trim().split(/\s+/).map(seconds);
  const [t0, t1] = clock.split(' ').map(Number);
  return { wall: (t1 - t0) * 1000, cpu: (user + system) * 1000 };
}


/** The code cache and the startup snapshot of another Node, made once (the build makes its own Node's). */
function prepare(node) {
  execFileSync(node, [path.join(root, 'scripts/warm-code-cache.mjs')], { stdio: 'inherit' });
  execFileSync(node, [path.join(root, 'bin/build-snapshot.js'), '--if-missing'], { stdio: 'inherit' });
}

/** The empty snapshot: a main function that does nothing, built by this Node into the temporary folder. */
function buildEmptySnapshot(node, version) {
  const entry = path.join(tmpdir(), 'infralint-bench-empty-entry.cjs');
  const blob = path.join(tmpdir(), `infralint-bench-empty-${version}.blob`);
  writeFileSync(entry, "require('node:v8').startupSnapshot.setDeserializeMainFunction(() => {});\n");
  execFileSync(node, ['--snapshot-blob', blob, '--build-snapshot', entry], { cwd: tmpdir(), stdio: 'inherit' });
  emptySnapshots.set(node, blob);
}

/**
 * How a launcher starts under `node`: its own debug line (bin/infralint, INFRALINT_DEBUG_LAUNCH),
 * or null for a launcher that does not say (an older build, or a .js entry).
 */
function howItStarts(node, command) {
  const env = { ...process.env, INFRALINT_DEBUG_LAUNCH: '1', PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` };
  delete env.NODE_OPTIONS;
  const run = spawnSync(command[0], [...command.slice(1), '--version'], { env, encoding: 'utf8' });
  if (run.error) throw new Error(`cannot start ${command.join(' ')}: ${run.error.message}`);
  return run.stderr.split('\n').find((l) => l.startsWith('infralint launcher: ')) ?? null;
}

/**
 * A baseline compared with this build must start as this build does: a copy of a build keeps the
 * stamp of the folder it was built in, and its launcher then starts it without its snapshot, saying
 * so only when asked. The figures would compare a snapshot with none.
 */
function refuseBaselineWithoutSnapshot(node) {
  if (!baseline) return;
  const ours = howItStarts(node, [launcher]);
  const theirs = howItStarts(node, baseline.endsWith('.js') ? ['node', baseline] : [baseline]);
  if (!ours?.includes('from the snapshot') || theirs === null || theirs.includes('from the snapshot')) return;
  console.error(`bench:cold: the baseline would start without its snapshot under ${node}, this build from its own:\n  ${theirs}\nbuild the baseline's snapshot for that Node first: ${node} ${path.join(path.dirname(path.dirname(baseline)), 'bin', 'build-snapshot.js')}`);
  process.exit(2);
}

let over = 0;
for (const node of nodes) {
  if (node !== process.execPath) prepare(node);
  refuseBaselineWithoutSnapshot(node);
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  buildEmptySnapshot(node, version);
  const samples = cases.map(() => []);
  for (const c of cases) once(node, c); // warms the disk cache
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < cases.length; k++) {
      const j = (r + k) % cases.length;
      samples[j].push(once(node, cases[j]));
    }
  }
  const [floor, markdownIt] = samples;
  console.log(`\nNode ${version}: cold process, ${rounds} alternating rounds; medians (ms), ratios = median of per-round ratios`);
  console.log('case'.padEnd(46), 'wall'.padStart(7), 'cpu'.padStart(7), ' x node -e 0 (wall, cpu)', ' x markdown-it (wall, cpu)', ' bar (the worse of wall and cpu)');
  for (const [k, c] of cases.entries()) {
    const s = samples[k];
    const ratio = (base, field) => median(s.map((x, r) => x[field] / base[r][field]));
    const toFloor = [ratio(floor, 'wall'), ratio(floor, 'cpu')];
    const toMarkdownIt = [ratio(markdownIt, 'wall'), ratio(markdownIt, 'cpu')];
    let bar = '';
    if (c.bar) {
      const worst = Math.max(...toFloor);
      const ok = worst <= BARS[c.bar];
      if (!ok) over++;
      bar = ` <= ${BARS[c.bar]}x: ${ok ? 'met' : `NOT met (${(worst / BARS[c.bar]).toFixed(2)}x the bar)`}`;
    }
    console.log(c.name.padEnd(46), median(s.map((x) => x.wall)).toFixed(1).padStart(7), median(s.map((x) => x.cpu)).toFixed(1).padStart(7),
      `   ${toFloor.map((x) => `${x.toFixed(2)}x`).join(', ').padEnd(22)}`, `${toMarkdownIt.map((x) => `${x.toFixed(2)}x`).join(', ').padEnd(25)}`, bar);
  }
}
console.log(over ? `\n${over} bar(s) not met` : '\nevery bar met');
