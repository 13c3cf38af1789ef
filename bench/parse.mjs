// Mermaid parsing, measured in one process on the same inputs: infralint's parsers, real Mermaid
// 12.3 (under jsdom, as the oracle runs it), @probelabs/maid and @aj-archipelago/merval.
// Inputs: shared/mermaid-conformance (expected verdicts and graphs from the oracle) and the Mermaid
// blocks of shared/corpus/real (real Mermaid, run here, is the reference for those).
// Prints agreement with the reference (accept/reject, and graph where a tool gives one), mean and
// median, mean and p95 time per diagram measured warm and interleaved, per-diagram ratios, and
// import time; then infralint's time on growing pathological inputs.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from './cli-args.mjs';
import { median } from './stats.mjs';

benchArgs(import.meta.url);

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = process.env.INFRALINT_SHARED ?? path.resolve(here, '../../shared');
const conformanceDir = path.join(shared, 'mermaid-conformance');
const corpusDir = path.join(shared, 'corpus', 'real');

async function timedImport(specifier) {
  const t = performance.now();
  const mod = await import(specifier);
  return { mod, ms: performance.now() - t };
}

// --- inputs ---------------------------------------------------------------------------------
const cases = [];
if (existsSync(conformanceDir)) {
  for (const kind of ['flowchart', 'sequence']) {
    for (const f of readdirSync(path.join(conformanceDir, kind)).filter((x) => x.endsWith('.mmd')).sort()) {
      const expected = JSON.parse(readFileSync(path.join(conformanceDir, kind, f.replace('.mmd', '.expected.json')), 'utf8'));
      cases.push({ name: `${kind}/${f}`, text: readFileSync(path.join(conformanceDir, kind, f), 'utf8'), expected });
    }
  }
}
const corpusBlocks = [];
if (existsSync(corpusDir)) {
  const walk = (d) => readdirSync(d).flatMap((f) => (statSync(path.join(d, f)).isDirectory() ? walk(path.join(d, f)) : [path.join(d, f)]));
  for (const file of walk(corpusDir)) {
    if (/\.mmd$/.test(file)) corpusBlocks.push({ name: path.relative(corpusDir, file), text: readFileSync(file, 'utf8') });
    else if (/\.md$|\/[0-9]-[^/.]+$/.test(file)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^([ \t]*)(`{3,}|~{3,})[ \t]*mermaid[^\n]*\n([\s\S]*?)^\1\2[ \t]*$/gm)) {
        corpusBlocks.push({ name: `${path.relative(corpusDir, file)}#${corpusBlocks.length}`, text: m[3] });
      }
    }
  }
}

// --- tools ----------------------------------------------------------------------------------
const infralint = await timedImport('../dist/diagrams/parse-diagram.js');
const { toOracleGraph } = await import('../dist/diagrams/oracle-record.js');

const { importMermaid, runFixBench } = await import('./fix-rate.mjs');
const mermaidStart = performance.now();
const mermaid = await importMermaid();
const mermaidImportMs = performance.now() - mermaidStart;

import { Worker } from 'node:worker_threads';

/** A validator in a worker thread, with a time limit per diagram (a hang counts as a timeout). */
async function isolated(module, limitMs = 3000) {
  let worker;
  let importMs = 0;
  const start = async () => {
    worker = new Worker(new URL('./validator-worker.mjs', import.meta.url), { workerData: { module } });
    const ready = await new Promise((resolve) => worker.once('message', resolve));
    importMs ||= ready.importMs;
  };
  await start();
  let id = 0;
  const tool = {
    timeouts: 0,
    get importMs() { return importMs; },
    async parse(text) {
      const my = ++id;
      const answer = await Promise.race([
        new Promise((resolve) => { const on = (m) => { if (m.id === my) { worker.off('message', on); resolve(m); } }; worker.on('message', on); worker.postMessage({ id: my, text }); }),
        new Promise((resolve) => setTimeout(() => resolve(null), limitMs)),
      ]);
      if (answer) return { valid: answer.valid, ms: answer.ms };
      tool.timeouts++;
      await worker.terminate();
      await start();
      return { valid: null, ms: limitMs };
    },
    close: () => worker.terminate(),
  };
  return tool;
}
const maid = await isolated('@probelabs/maid');
const merval = await isolated('@aj-archipelago/merval');

const tools = [
  { name: 'infralint', importMs: infralint.ms, parse: async (t) => { const r = await infralint.mod.parseDiagram(t); return { valid: r.valid, graph: toOracleGraph(r) }; } },
  { name: 'mermaid 12.3 (jsdom)', importMs: mermaidImportMs, parse: async (t) => { try { await mermaid.parse(t); return { valid: true }; } catch { return { valid: false }; } } },
  { name: '@probelabs/maid', get importMs() { return maid.importMs; }, isolated: maid, parse: (t) => maid.parse(t) },
  { name: '@aj-archipelago/merval', get importMs() { return merval.importMs; }, isolated: merval, parse: (t) => merval.parse(t) },
];

// Reference for corpus blocks: real Mermaid's verdict.
for (const b of corpusBlocks) b.expectedValid = (await tools[1].parse(b.text)).valid;

/** 0 for a tool with no time measured (it failed every diagram), as the tables print it. */
const medianOr0 = (values) => (values.length ? median(values) : 0);
function stats(times) {
  const s = [...times].sort((a, b) => a - b);
  return { mean: s.reduce((a, b) => a + b, 0) / (s.length || 1), median: medianOr0(s), p95: s[Math.floor(s.length * 0.95)] ?? 0 };
}

// Mermaid refuses diagrams over its maxTextSize (50,000 characters) when rendering; the other
// validators were not built for such inputs either (one took minutes on a 287 KB case), so the
// comparison covers the rest. infralint's behaviour on huge inputs is measured separately below.
const MAX_TEXT = 50000;
const skipped = cases.filter((c) => c.text.length > MAX_TEXT).map((c) => c.name);
cases.splice(0, cases.length, ...cases.filter((c) => c.text.length <= MAX_TEXT));

// First pass: agreement, and every tool has now parsed every diagram once (its warm-up).
const all = [...cases, ...corpusBlocks];
const hung = new Set();
const rows = [];
for (const tool of tools) {
  process.stderr.write(`checking ${tool.name}...\n`);
  let verdict = 0;
  let graph = 0;
  let graphTotal = 0;
  let corpusAgree = 0;
  for (const [i, c] of all.entries()) {
    const timeoutsBefore = tool.isolated?.timeouts ?? 0;
    const got = await tool.parse(c.text);
    if ((tool.isolated?.timeouts ?? 0) > timeoutsBefore) hung.add(i);
    if (i >= cases.length) {
      if (got.valid === c.expectedValid) corpusAgree++;
      continue;
    }
    if (got.valid === c.expected.valid) verdict++;
    if (c.expected.valid && got.graph !== undefined) {
      graphTotal++;
      if (JSON.stringify(got.graph) === JSON.stringify(c.expected.graph)) graph++;
    }
  }
  if (tool.isolated?.timeouts) process.stderr.write(`  ${tool.name}: ${tool.isolated.timeouts} diagrams hit the 3 s limit\n`);
  rows.push({ hung: tool.isolated?.timeouts ?? 0, tool: tool.name, verdict: `${verdict}/${cases.length} (${((100 * verdict) / (cases.length || 1)).toFixed(1)}%)`, graph: graphTotal ? `${graph}/${graphTotal}` : 'n/a', corpus: `${corpusAgree}/${corpusBlocks.length}`, import: tool.importMs.toFixed(0) });
}

// Second pass: time. Every tool warm, the tools interleaved diagram by diagram in a rotating order
// (none always runs first), REPS runs each; a diagram's time is its median. Diagrams any tool hung
// on are left out for all, so that every tool is timed on the same set.
const reps = Number(process.env.REPS ?? 3);
const perDiagram = tools.map(() => []);
process.stderr.write(`timing, ${reps} interleaved runs per diagram and tool...\n`);
for (const [i, c] of all.entries()) {
  if (hung.has(i)) continue;
  const samples = tools.map(() => []);
  for (let r = 0; r < reps; r++) {
    for (let k = 0; k < tools.length; k++) {
      const j = (i + r + k) % tools.length;
      const t = performance.now();
      const got = await tools[j].parse(c.text);
      samples[j].push(got.ms ?? performance.now() - t);
    }
  }
  samples.forEach((s, j) => perDiagram[j].push(medianOr0(s)));
}
rows.forEach((row, j) => {
  const { mean, median: mid, p95 } = stats(perDiagram[j]);
  Object.assign(row, { mean: mean.toFixed(3), median: mid.toFixed(3), p95: p95.toFixed(3) });
});

console.log(`(left out, over ${MAX_TEXT} characters: ${skipped.join(', ') || 'none'})`);
console.log(`Mermaid parsing: ${cases.length} conformance cases, ${corpusBlocks.length} Mermaid blocks from the real corpus (reference: real Mermaid)`);
console.log(`times: ${perDiagram[0].length} diagrams (${hung.size} left out: a tool hung on them), warm, interleaved, median of ${reps} runs per diagram\n`);
console.log('tool'.padEnd(26), 'verdict (conformance)'.padEnd(22), 'graph'.padEnd(10), 'corpus'.padEnd(8), 'median ms'.padStart(10), 'mean ms'.padStart(8), 'p95 ms'.padStart(8), 'import ms'.padStart(10), 'hung'.padStart(5));
for (const r of rows) console.log(r.tool.padEnd(26), r.verdict.padEnd(22), r.graph.padEnd(10), r.corpus.padEnd(8), r.median.padStart(10), r.mean.padStart(8), r.p95.padStart(8), r.import.padStart(10), String(r.hung).padStart(5));
console.log('(third-party validators run in a worker thread with a 3 s limit per diagram and report their own parse time)');
await maid.close();
await merval.close();
// Ratios per diagram, then their median: one slow diagram does not make the figure.
for (const j of [1, 2, 3]) {
  const ratios = perDiagram[j].map((t, d) => t / Math.max(perDiagram[0][d], 1e-6));
  console.log(`${tools[j].name}: ${medianOr0(ratios).toFixed(1)}x infralint's time per diagram (median of per-diagram ratios; mean of times ${(Number(rows[j].mean) / Number(rows[0].mean)).toFixed(1)}x)`);
}

// Linear time on pathological inputs (bracket and dash runs that defeat backtracking regexes).
console.log('\ninfralint on pathological input (time should grow linearly with size):');
for (const kb of [128, 256, 512, 1024]) {
  const n = kb * 1024;
  const inputs = {
    'unclosed brackets': `flowchart LR\n${'A['.repeat(n / 2)}`,
    'dash runs': `flowchart LR\n${'A-'.repeat(n / 2)}`,
    'long edge chain': `flowchart LR\n${'A-->B;'.repeat(n / 6)}`,
    'sequence messages': `sequenceDiagram\n${'A->>B: x\n'.repeat(n / 10)}`,
  };
  const parts = [];
  for (const [name, text] of Object.entries(inputs)) {
    const t = performance.now();
    await infralint.mod.parseDiagram(text);
    parts.push(`${name} ${(performance.now() - t).toFixed(0)} ms`);
  }
  console.log(`  ${String(kb).padStart(5)} KiB: ${parts.join(', ')}`);
}

// What --fix repairs, per error code, checked by the real Mermaid imported above.
await runFixBench(shared, mermaid);
