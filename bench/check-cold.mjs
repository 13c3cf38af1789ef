// `npm run bench:cold`: a cold `infralint check` (one fresh process per run) against the floor no
// CLI can beat (`node -e 0`) and against importing markdown-it alone (the one dependency every check
// needs). The cases run in alternating rounds (each round runs every case once, in a rotating order),
// so that a busy moment of a shared host falls on all of them alike; figures are medians over the
// rounds, and the ratios are medians of the per-round ratios.
// Two figures per case: wall time, and the process's CPU time (user + system, every thread, from
// getrusage at exit): on a shared host, CPU is the steadier one.
//   npm run bench:cold -- --node /path/to/node24 [--node ...]   also measures under other Node binaries
//   RUNS=31 npm run bench:cold                                   more rounds (default 21)
//   npm run bench:cold -- --baseline /copy/of/an/older/build/bin/infralint.js
//                                   the same checks by another build, in the same rounds (before/after)
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin/infralint.js');
const rounds = Number(process.env.RUNS ?? 21);
const nodes = [process.execPath];
let baseline = null;
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--node' && process.argv[i + 1]) nodes.push(process.argv[++i]);
  else if (process.argv[i] === '--baseline' && process.argv[i + 1]) baseline = path.resolve(process.argv[++i]);
}

// Bars of issue 17 (cold check against `node -e 0`).
const BARS = { flowchart: 2, sequence: 2, 'architecture-beta': 2.5 };

// A preload that writes the process's CPU time to fd 3 at exit: the same preload runs in every case,
// the floor included, so it cancels out of the ratios.
const scratch = mkdtempSync(path.join(tmpdir(), 'infralint-bench-cold-'));
const probe = path.join(scratch, 'cpu-probe.cjs');
writeFileSync(probe, "process.on('exit', () => { const u = process.cpuUsage(); try { require('fs').writeSync(3, String((u.user + u.system) / 1000)); } catch {} });\n");

const cases = [
  { name: 'node -e 0 (floor)', args: ['-e', '0'] },
  { name: 'import markdown-it alone', args: ['--input-type=module', '-e', "import 'markdown-it'"] },
  { name: 'check flowchart', bar: 'flowchart', args: [bin, 'check', path.join(root, 'fixtures/complete-flowchart')] },
  { name: 'check sequence', bar: 'sequence', args: [bin, 'check', path.join(root, 'fixtures/sequence-only')] },
  { name: 'check architecture-beta', bar: 'architecture-beta', args: [bin, 'check', path.join(root, 'fixtures/architecture-beta')] },
  { name: 'check --format json worked-example', args: [bin, 'check', '--format', 'json', path.join(root, 'fixtures/worked-example')] },
];
if (baseline) {
  for (const c of cases.filter((x) => x.args[0] === bin)) cases.push({ name: `(baseline) ${c.name}`, args: [baseline, ...c.args.slice(1)] });
}

function once(node, args) {
  const started = process.hrtime.bigint();
  const child = spawnSync(node, ['--require', probe, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0 && child.status !== 1) throw new Error(`${node} ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  return { wall, cpu: Number(child.output[3]) };
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

let over = 0;
try {
  for (const node of nodes) {
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    const samples = cases.map(() => []);
    for (const [k, c] of cases.entries()) once(node, c.args); // warms the disk cache and the compile cache, if any
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < cases.length; k++) {
        const j = (r + k) % cases.length;
        samples[j].push(once(node, cases[j].args));
      }
    }
    const floor = samples[0];
    const markdownIt = samples[1];
    console.log(`\nNode ${version}: cold process, ${rounds} alternating rounds; medians (ms), ratios = median of per-round ratios`);
    console.log('case'.padEnd(46), 'wall'.padStart(7), 'cpu'.padStart(7), ' x node -e 0 (wall, cpu)', ' x markdown-it (wall, cpu)', ' bar');
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
        bar = ` <= ${BARS[c.bar]}x: ${ok ? 'met' : 'NOT met'}`;
      }
      console.log(c.name.padEnd(46), median(s.map((x) => x.wall)).toFixed(1).padStart(7), median(s.map((x) => x.cpu)).toFixed(1).padStart(7),
        `   ${toFloor.map((x) => `${x.toFixed(2)}x`).join(', ').padEnd(22)}`, `${toMarkdownIt.map((x) => `${x.toFixed(2)}x`).join(', ').padEnd(25)}`, bar);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(over ? `\n${over} bar(s) not met` : '\nevery bar met');
