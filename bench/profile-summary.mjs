// Reads a V8 CPU profile (`node --cpu-prof`, or bench/grade-steady.mjs --profile) and prints where the
// time went: self time by area (src/prose, src/markdown, markdown-it, the garbage collector...), the
// functions with the most self time, and those with the most total time (their callees included).
// Usage: node bench/profile-summary.mjs <file.cpuprofile> [--top 30]
import { readFileSync } from 'node:fs';
import { benchArgs } from './cli-args.mjs';

const { values, positionals } = benchArgs(import.meta.url, { top: { type: 'string', default: '30' } }, { positionals: true });
if (positionals.length !== 1) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile> [--top 30]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

// Self time of each node: the samples it was on top of the stack, weighted by their intervals.
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0));
}

/** The area a script belongs to: a folder of src/ (as compiled into dist/), a package, or Node itself. */
function areaOf({ url, functionName }) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  const ours = url.match(/\/dist\/(.+)$/);
  if (ours) {
    const parts = ours[1].split('/');
    return parts.length > 1 ? `src/${parts[0]}` : `src/${parts[0].replace(/\.m?js$/, '')}`;
  }
  return url.startsWith('node:') ? 'node' : url.replace(/^file:\/\//, '');
}
const nameOf = ({ callFrame: { functionName, url, lineNumber } }) =>
  `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${lineNumber + 1}` : ''}`;
const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);

const areas = new Map();
const self = new Map();
const total = new Map();
let sampled = 0;
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  sampled += us;
  add(areas, areaOf(node.callFrame), us);
  add(self, nameOf(node), us);
  // Counted once per sample, however deep the function recursed.
  const onStack = new Set();
  for (let at = id; at !== undefined; at = parentOf.get(at)) onStack.add(nameOf(byId.get(at)));
  for (const fn of onStack) add(total, fn, us);
}
const line = ([what, us]) => console.log(`${((100 * us) / sampled).toFixed(1).padStart(5)}%`, `${(us / 1000).toFixed(0).padStart(7)} ms`, what);
const top = (map, count) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count).forEach(line);
console.log(`${(sampled / 1000).toFixed(0)} ms sampled`);
console.log('\nself time by area');
top(areas, 20);
console.log('\nfunctions with the most self time');
top(self, Number(values.top));
console.log('\nfunctions with the most total time (their callees included)');
top(total, Number(values.top));
