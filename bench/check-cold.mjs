// Cold-process time of `infralint check` on bundled submissions (the target is < 150 ms), compared
// in the same run with a bare `node -e 0` (the floor no CLI can beat).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin/infralint.js');
const runs = Number(process.env.RUNS ?? 15);

function time(args) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    spawnSync(process.execPath, args, { stdio: 'ignore' });
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], p95: samples[Math.floor(samples.length * 0.95)] ?? samples.at(-1), min: samples[0] };
}

const rows = [
  ['node -e 0 (floor)', ['-e', '0']],
  ['check complete-flowchart', [bin, 'check', path.join(root, 'fixtures/complete-flowchart')]],
  ['check worked-example', [bin, 'check', path.join(root, 'fixtures/worked-example')]],
  ['check sequence-only', [bin, 'check', path.join(root, 'fixtures/sequence-only')]],
  ['check architecture-beta (loads @mermaid-js/parser)', [bin, 'check', path.join(root, 'fixtures/architecture-beta')]],
  ['check --format json worked-example', [bin, 'check', '--format', 'json', path.join(root, 'fixtures/worked-example')]],
];
console.log(`cold process, ${runs} runs each (ms)`);
console.log('case'.padEnd(52), 'median', '   p95', '   min');
for (const [name, args] of rows) {
  const t = time(args);
  console.log(name.padEnd(52), t.median.toFixed(1).padStart(6), t.p95.toFixed(1).padStart(6), t.min.toFixed(1).padStart(6));
}
