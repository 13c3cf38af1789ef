// `node bench/regex-size.mjs`: the regular expressions the warmed CLI holds, and the bytecode of
// each, as the startup snapshot holds them (bin/build-snapshot.js, bin/snapshot-entry.cjs). Node
// deserialises the snapshot's heap at every cold start (about 3.6 ms per MB on Node 20), and the
// lexicon's patterns are a large part of it.
// How: a child process does what the snapshot's build does (the bundle loaded, V8 compiling every
// expression for its interpreter only, on Node 20 without its optimisations, the same warm-up
// checks), then writes a heap snapshot; each JSRegExp's data (source, flags, the bytecode for
// one-byte and for two-byte subjects, the capture names: a FixedArray on Node 20, an IrRegExpData
// on Node 24) is followed, and the byte arrays under it are that expression's bytecode.
// Expressions of the same source and flags share their data (V8's compilation cache): each data is
// counted once. An expression never run has no bytecode yet (V8 compiles on first use). Node 24
// writes none of it into its snapshot (it clears every expression's code): there the figures are
// the warmed heap's, what each expression costs to compile on its first use.
// Prints the expressions sorted by bytecode, the total, and the snapshot blobs beside the bundle.
//   node bench/regex-size.mjs [--top 30] [--dist <folder>] [--json <file>]
//     --dist: another build (a copy of an older dist/ beside its rules/ and fixtures), to compare;
//     --v8-flags: V8 flags set before the bundle loads (what a flag would change in the compiled size);
//     --json: also writes every expression's {source, bytecode, objects} for a before/after diff
//       (sources as the heap snapshot gives them: cut at 1,024 characters).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchArgs } from './cli-args.mjs';

// Node 24 (V8 13) writes no regular expression's code into a startup snapshot (bin/snapshot-entry.cjs).
const v8Major = Number(process.versions.v8.split('.')[0]);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = benchArgs(import.meta.url, {
  top: { type: 'string', default: '30' },
  dist: { type: 'string', default: path.join(root, 'dist') },
  json: { type: 'string' },
  'v8-flags': { type: 'string', default: '' },
  child: { type: 'string' },
});

if (args.child) {
  await warmAndSnapshot(path.resolve(args.dist), args.child);
} else {
  const work = mkdtempSync(path.join(tmpdir(), 'infralint-regex-size-'));
  try {
    const file = path.join(work, 'warm.heapsnapshot');
    execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--dist', args.dist, `--v8-flags=${args['v8-flags']}`, '--child', file], { stdio: 'inherit' });
    report(regexpsIn(JSON.parse(readFileSync(file, 'utf8'))));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** In the child: the CLI loaded and warmed as the snapshot's build does it, then its heap written. */
async function warmAndSnapshot(dist, file) {
  const v8 = await import('node:v8');
  // As snapshot-entry.cjs: every expression compiled to the interpreter's bytecode, none to machine
  // code, and on Node 20 without V8's specialised copies (--v8-flags=--regexp-optimization shows
  // what they cost).
  v8.setFlagsFromString('--regexp-interpret-all');
  if (v8Major < 12) v8.setFlagsFromString('--no-regexp-optimization');
  if (args['v8-flags']) v8.setFlagsFromString(args['v8-flags']);
  const { loadCli } = await import(pathToFileURL(path.join(root, 'bin', 'load-cli.js')).href);
  const { warmUpChecks } = await import(pathToFileURL(path.join(root, 'bin', 'build-snapshot.js')).href);
  const bundle = path.join(dist, 'infralint.cjs');
  const cli = loadCli(bundle, { useCache: false }).exports;
  const silent = { stdout: () => {}, stderr: () => {}, env: {}, cwd: dist, isTTY: false, stderrIsTTY: false };
  const withArchitecture = existsSync(path.join(dist, 'mermaid-parser.cjs'));
  for (const checkArgs of warmUpChecks({ withArchitecture })) {
    const code = await cli.main(checkArgs, silent);
    if (code === 2) throw new Error(`warming: infralint ${checkArgs.join(' ')} exited 2`);
  }
  globalThis.gc?.();
  v8.writeHeapSnapshot(file);
}

/** Every JSRegExp's data in a heap snapshot, once per data: {source, flags, bytecode, objects}. */
function regexpsIn(snapshot) {
  const { meta } = snapshot.snapshot;
  const nodeFields = meta.node_fields.length;
  const edgeFields = meta.edge_fields.length;
  const [nodeTypes] = meta.node_types;
  const { nodes, edges, strings } = snapshot;
  const at = (field) => meta.node_fields.indexOf(field);
  const [TYPE, NAME, SIZE, EDGES] = ['type', 'name', 'self_size', 'edge_count'].map(at);
  const TO = meta.edge_fields.indexOf('to_node');
  const firstEdge = new Uint32Array(nodes.length / nodeFields + 1);
  for (let n = 0, e = 0; n < nodes.length / nodeFields; n++) {
    firstEdge[n] = e;
    e += nodes[n * nodeFields + EDGES] * edgeFields;
  }
  const children = (n) => {
    const out = [];
    for (let k = 0; k < nodes[n * nodeFields + EDGES]; k++) out.push(edges[firstEdge[n] + k * edgeFields + TO] / nodeFields);
    return out;
  };
  const type = (n) => nodeTypes[nodes[n * nodeFields + TYPE]];
  const byData = new Map();
  for (let n = 0; n < nodes.length / nodeFields; n++) {
    if (type(n) !== 'regexp') continue;
    const source = strings[nodes[n * nodeFields + NAME]];
    // The regexp's data: the object that holds its source string (a FixedArray on Node 20, an IrRegExpData on Node 24).
    const data = children(n).find((c) => type(c) !== 'string' && children(c).some((d) => type(d) === 'string' && strings[nodes[d * nodeFields + NAME]] === source));
    if (data === undefined) continue;
    const entry = byData.get(data);
    if (entry) {
      entry.objects++;
      continue;
    }
    // Bytecode: the byte arrays the data holds (one per subject width the expression has met).
    const isBytecode = (c) => type(c) === 'array' || /ByteArray$/.test(strings[nodes[c * nodeFields + NAME]]);
    const bytecode = children(data).filter(isBytecode).reduce((sum, c) => sum + nodes[c * nodeFields + SIZE], 0);
    byData.set(data, { source, bytecode, objects: 1 });
  }
  return [...byData.values()].sort((a, b) => b.bytecode - a.bytecode);
}

function report(regexps) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  const total = regexps.reduce((sum, r) => sum + r.bytecode, 0);
  const compiled = regexps.filter((r) => r.bytecode > 0);
  console.log(`${regexps.length} regular expressions (${compiled.length} compiled), bytecode ${kb(total)} (${(total / 1048576).toFixed(2)} MiB)`);
  if (v8Major >= 13) console.log(`(Node ${process.version} writes none of it into its startup snapshot: the figures are the warmed heap's)`);
  console.log('bytecode  share  source');
  for (const r of regexps.slice(0, Number(args.top))) {
    const shown = r.source.length > 110 ? `${r.source.slice(0, 90)}... (${r.source.length} chars)` : r.source;
    console.log(`${kb(r.bytecode).padStart(9)}  ${((100 * r.bytecode) / total).toFixed(1).padStart(4)}%  ${shown}`);
  }
  const blobs = readdirSync(args.dist).filter((f) => /^infralint\.snapshot-.*\.blob$/.test(f));
  for (const blob of blobs) console.log(`${blob}: ${(statSync(path.join(args.dist, blob)).size / 1048576).toFixed(2)} MiB`);
  if (args.json) writeFileSync(args.json, `${JSON.stringify({ total, regexps }, null, 1)}\n`);
}
