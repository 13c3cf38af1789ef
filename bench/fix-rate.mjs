// What `infralint check --fix` repairs, per Mermaid error code: of the diagrams real Mermaid rejects
// (shared/mermaid-conformance, and the Mermaid blocks of shared/corpus/real), how many get a fix,
// how many of the fixed texts our parser accepts and real Mermaid accepts (run in this process), how
// many lost a component or an edge (must be 0), and how many that real Mermaid accepts were changed
// (must be 0); and the same on a hand-written bank of broken student diagrams with what each meant.
// Printed by `npm run bench:parse`; alone: `node bench/fix-rate.mjs` (after a build).
//   --write-records   write test/data/fix-oracle.json: every fixed conformance text with real
//                     Mermaid's verdict on it (test/corpus/fix-conformance.test.ts replays them).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from './cli-args.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Real Mermaid's verdict on a text (mermaid.parse, as GitHub runs it). */
export async function realVerdict(mermaid, text) {
  try {
    await mermaid.parse(text);
    return { valid: true, error: null };
  } catch (e) {
    return { valid: false, error: String(e?.message ?? e).split('\n')[0].slice(0, 200) };
  }
}

/**
 * The graph real Mermaid builds from a text, in the shape of infralint's AST as far as lostFromGraph
 * reads it (ids, labels, edges / participants, messages): the loss check made with Mermaid's own reading.
 */
async function realGraph(mermaid, text) {
  const { db, type } = await mermaid.mermaidAPI.getDiagramFromText(text);
  const decode = (t) => String(t ?? '').replace(/\uFB02\xB0\xB0/g, '&#').replace(/\uFB02\xB0/g, '&').replace(/\xB6\xDF/g, ';');
  if (type.startsWith('flowchart')) {
    return { kind: 'flowchart', vertices: new Map([...db.getVertices().values()].map((v) => [v.id, { id: v.id, label: decode(v.text ?? v.id), classes: v.classes ?? [] }])), edges: db.getEdges().map((e) => ({ from: e.start, to: e.end, label: decode(e.text ?? '') })) };
  }
  if (type === 'sequence') {
    const line = Object.fromEntries(Object.entries(db.LINETYPE).map(([k, v]) => [v, k]));
    const messages = db.getMessages().filter((m) => m.from !== undefined && m.to !== undefined && !/^(NOTE|ACTIVE_|AUTONUMBER|CENTRAL_)/.test(line[m.type] ?? '') && !/_(START|END|ELSE|AND|OPTION)$/.test(line[m.type] ?? ''));
    return { kind: 'sequence', participants: db.getActorKeys().map((id) => ({ id, label: decode(db.getActor(id).description) })), messages: messages.map((m) => ({ from: m.from, to: m.to })) };
  }
  return null;
}

/**
 * Fixes every case; `reference(case)` says whether real Mermaid accepts the original. Returns per-code
 * rows and every fixed text (with real Mermaid's verdict on it).
 */
export async function measureFixes(cases, { mermaid, reference }) {
  const { fixDiagram } = await import('../dist/fix/fix-diagram.js');
  const { parseDiagram } = await import('../dist/diagrams/parse-diagram.js');
  const { fixabilityOf } = await import('../dist/diagrams/fixability.js');
  const { lostFromGraph } = await import('../dist/fix/graph-kept.js');
  const rows = new Map();
  const fixedTexts = [];
  let changedValid = 0;
  for (const c of cases) {
    const text = c.text.replace(/\r\n?/g, '\n');
    const ours = await parseDiagram(text);
    const originalValid = await reference(c);
    if (originalValid) {
      // A diagram Mermaid draws is never touched (our parser could disagree with Mermaid).
      if ((await fixDiagram(text, ours)).fixed) changedValid++;
      continue;
    }
    if (ours.valid) continue;
    const code = ours.errors[0].code;
    const row = rows.get(code) ?? { code, fixability: fixabilityOf(code), rejected: 0, fixed: 0, accepted: 0, confirmed: 0, lost: 0, refused: {} };
    rows.set(code, row);
    row.rejected++;
    const out = await fixDiagram(text, ours);
    if (!out.fixed) {
      row.refused[out.reason] = (row.refused[out.reason] ?? 0) + 1;
      continue;
    }
    row.fixed++;
    const again = await parseDiagram(out.text);
    if (again.valid) row.accepted++;
    const real = await realVerdict(mermaid, out.text);
    if (real.valid) row.confirmed++;
    // Lost, as real Mermaid reads the fixed text: every component and edge our recovery read in the original.
    const graph = real.valid && ours.ast ? await realGraph(mermaid, out.text) : null;
    if (graph && lostFromGraph(ours.ast, graph, out.renames, out.spilledFrom)) row.lost++;
    fixedTexts.push({ case: c.name, code, steps: out.steps.map((s) => s.code), fixed: out.text, ours: again.valid, oracle: real });
  }
  return { rows: [...rows.values()].sort((a, b) => a.code.localeCompare(b.code)), fixedTexts, changedValid };
}

export function printFixRates(title, { rows, changedValid }) {
  console.log(`\n--fix on ${title}: per error code of the first error, diagrams real Mermaid rejects`);
  console.log('code'.padEnd(32), 'fix'.padEnd(11), 'rejected'.padStart(8), 'fixed'.padStart(6), 'ours ok'.padStart(8), 'Mermaid ok'.padStart(11), 'lost'.padStart(5), '  left alone because');
  const total = { rejected: 0, fixed: 0, accepted: 0, confirmed: 0, lost: 0, safe: 0 };
  for (const r of rows) {
    for (const k of ['rejected', 'fixed', 'accepted', 'confirmed', 'lost']) total[k] += r[k];
    if (r.fixability === 'safe') total.safe += r.rejected;
    if (r.fixability === 'no' && !r.fixed) continue;
    const why = Object.entries(r.refused).map(([k, n]) => `${k} ${n}`).join(', ');
    console.log(r.code.padEnd(32), r.fixability.padEnd(11), String(r.rejected).padStart(8), String(r.fixed).padStart(6), String(r.accepted).padStart(8), String(r.confirmed).padStart(11), String(r.lost).padStart(5), ` ${why}`);
  }
  const unfixable = rows.filter((r) => r.fixability === 'no').reduce((n, r) => n + r.rejected, 0);
  console.log(`(${unfixable} more rejected diagrams have codes with no fix.)`);
  const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
  console.log(`fixed ${total.fixed} of ${total.safe} with a safe code (${pct(total.fixed, total.safe)}); real Mermaid accepts ${total.confirmed} of the ${total.fixed} fixed (${pct(total.confirmed, total.fixed)}); lost a component or edge: ${total.lost}; diagrams Mermaid accepts that --fix changed: ${changedValid}`);
}

export function conformanceCases(shared) {
  const dir = path.join(shared, 'mermaid-conformance');
  const cases = [];
  if (!existsSync(dir)) return cases;
  for (const kind of ['flowchart', 'sequence']) {
    for (const f of readdirSync(path.join(dir, kind)).filter((x) => x.endsWith('.mmd')).sort()) {
      const expected = JSON.parse(readFileSync(path.join(dir, kind, f.replace('.mmd', '.expected.json')), 'utf8'));
      cases.push({ name: `${kind}/${f.replace('.mmd', '')}`, text: readFileSync(path.join(dir, kind, f), 'utf8'), valid: expected.valid });
    }
  }
  return cases;
}

/** Mermaid blocks of the real corpus: measured only (student text is never copied into the project). */
export function corpusCases(shared) {
  const dir = path.join(shared, 'corpus', 'real');
  if (!existsSync(dir)) return [];
  const walk = (d) => readdirSync(d).flatMap((f) => (statSync(path.join(d, f)).isDirectory() ? walk(path.join(d, f)) : [path.join(d, f)]));
  const blocks = [];
  for (const file of walk(dir)) {
    if (/\.mmd$/.test(file)) blocks.push({ name: path.relative(dir, file), text: readFileSync(file, 'utf8') });
    else if (/\.md$|\/[0-9]-[^/.]+$/.test(file)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^([ \t]*)(`{3,}|~{3,})[ \t]*mermaid[^\n]*\n([\s\S]*?)^\1\2[ \t]*$/gm)) blocks.push({ name: `${path.relative(dir, file)}#${blocks.length}`, text: m[3] });
    }
  }
  return blocks;
}

export async function importMermaid() {
  const { JSDOM } = await import('jsdom');
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  dom.window.CSS ??= { supports: (p, v) => { const s = new dom.window.Option().style; s.setProperty(p, v); return s.getPropertyValue(p) !== ''; } };
  Object.assign(globalThis, { window: dom.window, document: dom.window.document, Option: dom.window.Option });
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false });
  return mermaid;
}

/**
 * The hand-written bank of broken student diagrams (test/data/fix-bank.yaml: what the student wrote
 * and what they meant, every `meant` checked by real Mermaid): of those whose first error has a safe
 * code, how many --fix repairs, how many real Mermaid then renders, how many read as the graph meant;
 * how many it left alone; and that no valid diagram is changed and no fix loses a component or edge.
 */
export async function measureBank(mermaid, file = path.join(here, '..', 'test', 'data', 'fix-bank.yaml')) {
  if (!existsSync(file)) return null;
  const { load } = await import('js-yaml');
  const { fixDiagram } = await import('../dist/fix/fix-diagram.js');
  const { parseDiagram } = await import('../dist/diagrams/parse-diagram.js');
  const { fixabilityOf } = await import('../dist/diagrams/fixability.js');
  const { lostFromGraph, graphSignature } = await import('../dist/fix/graph-kept.js');
  const count = { cases: 0, valid: 0, validChanged: 0, broken: 0, safe: 0, fixed: 0, rendered: 0, asMeant: 0, lost: 0, fixedOther: 0, perCode: {} };
  for (const c of load(readFileSync(file, 'utf8'))) {
    count.cases++;
    const broken = c.broken.replace(/\r\n?/g, '\n');
    const parsed = await parseDiagram(broken);
    const out = await fixDiagram(broken, parsed);
    if (c.broken === c.meant) {
      count.valid++;
      if (out.fixed) count.validChanged++;
      continue;
    }
    count.broken++;
    const code = parsed.errors[0]?.code ?? '(none)';
    const row = (count.perCode[code] ??= { safe: fixabilityOf(code) === 'safe', cases: 0, fixed: 0, asMeant: 0 });
    row.cases++;
    if (!row.safe) {
      if (out.fixed) count.fixedOther++;
      continue;
    }
    count.safe++;
    if (!out.fixed) continue;
    count.fixed++;
    row.fixed++;
    if ((await realVerdict(mermaid, out.text)).valid) count.rendered++;
    const fixedAst = (await parseDiagram(out.text)).ast;
    const meantAst = (await parseDiagram(c.meant)).ast;
    if (fixedAst && meantAst && graphSignature(fixedAst) === graphSignature(meantAst)) {
      count.asMeant++;
      row.asMeant++;
    }
    if (parsed.ast && fixedAst && lostFromGraph(parsed.ast, fixedAst, out.renames, out.spilledFrom)) count.lost++;
  }
  return count;
}

function printBank(count) {
  if (!count) return;
  const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
  console.log(`\n--fix on the hand-written bank of broken student diagrams (test/data/fix-bank.yaml, ${count.cases} cases):`);
  console.log('first error'.padEnd(32), 'fix'.padEnd(6), 'cases'.padStart(6), 'fixed'.padStart(6), 'as meant'.padStart(9));
  for (const [code, r] of Object.entries(count.perCode).sort()) console.log(code.padEnd(32), (r.safe ? 'safe' : '-').padEnd(6), String(r.cases).padStart(6), String(r.fixed).padStart(6), String(r.asMeant).padStart(9));
  console.log(`of ${count.broken} broken diagrams, ${count.safe} have a safe first error: fixed ${count.fixed} (${pct(count.fixed, count.safe)}), real Mermaid renders ${count.rendered} of them (${pct(count.rendered, count.fixed)}), the graph meant in ${count.asMeant} (${pct(count.asMeant, count.fixed)}); lost a component or edge: ${count.lost}; valid diagrams changed: ${count.validChanged} of ${count.valid}`);
}

/** Both sets measured and printed; `mermaid` is an initialised instance (bench/parse.mjs passes its own). */
export async function runFixBench(shared, mermaid, { writeRecords = false } = {}) {
  const conformance = await measureFixes(conformanceCases(shared), { mermaid, reference: (c) => c.valid });
  printFixRates('shared/mermaid-conformance', conformance);
  printBank(await measureBank(mermaid));
  const corpus = corpusCases(shared);
  if (corpus.length) printFixRates(`${corpus.length} Mermaid blocks of shared/corpus/real`, await measureFixes(corpus, { mermaid, reference: async (c) => (await realVerdict(mermaid, c.text)).valid }));
  if (corpus.length) await measureCheckFix(path.join(shared, 'corpus', 'real'), mermaid);
  if (writeRecords) writeOracleRecords(shared, conformance.fixedTexts);
}

/** The ```mermaid blocks of a markdown text (or the whole text of a .mmd file). */
function mermaidBlocks(file, text) {
  if (/\.mmd$/i.test(file)) return [text];
  return [...text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').matchAll(/^([ \t]*)(`{3,}|~{3,})[ \t]*mermaid[ \t]*\n([\s\S]*?)^\1\2[ \t]*$/gm)].map((m) => m[3]);
}

/**
 * `check --fix` over every repository of the real corpus, in memory (lintSubmission with fix: true
 * writes nothing): the files it would change, and real Mermaid's verdict on their Mermaid blocks
 * before and after (fences added or renamed count as blocks that did not render before).
 */
async function measureCheckFix(corpusDir, mermaid) {
  const { lintSubmission } = await import('../dist/index.js');
  const repos = readdirSync(corpusDir).filter((d) => statSync(path.join(corpusDir, d)).isDirectory());
  const count = { repos: 0, files: 0, changes: 0, blocksBefore: 0, renderedBefore: 0, blocksAfter: 0, renderedAfter: 0, renderedChanged: 0, renames: 0 };
  for (const repo of repos) {
    let report;
    try {
      report = await lintSubmission(path.join(corpusDir, repo), { fix: true, fixTypes: ['mermaid', 'file'] });
    } catch {
      continue;
    }
    if (!report.fixed?.length) continue;
    count.repos++;
    for (const f of report.fixed) {
      if (f.renameTo) {
        count.renames++;
        continue;
      }
      count.files++;
      count.changes += f.changes.length;
      const before = mermaidBlocks(f.file, f.before);
      const after = mermaidBlocks(f.file, f.text);
      count.blocksBefore += before.length;
      count.blocksAfter += after.length;
      const renderedBefore = new Set();
      for (const b of before) if ((await realVerdict(mermaid, b)).valid) renderedBefore.add(b.trim());
      count.renderedBefore += renderedBefore.size;
      for (const b of after) if ((await realVerdict(mermaid, b)).valid) count.renderedAfter++;
      // A block that rendered must come out unchanged.
      for (const b of renderedBefore) if (!after.some((a) => a.trim() === b)) count.renderedChanged++;
    }
  }
  console.log(`\ncheck --fix --fix-type mermaid,file on the ${repos.length} repositories of shared/corpus/real (in memory): ${count.repos} would change (${count.files} files, ${count.changes} changes, ${count.renames} renames);`);
  console.log(`  \`\`\`mermaid blocks in those files: ${count.renderedBefore} of ${count.blocksBefore} render before, ${count.renderedAfter} of ${count.blocksAfter} after (real Mermaid); blocks that rendered and were changed: ${count.renderedChanged}`);
}

/**
 * Every fixed conformance text judged by the oracle tool itself (shared/tools/mermaid-oracle, run as
 * a process on the texts written as .mmd files), kept in test/data/fix-oracle.json with its record.
 */
function writeOracleRecords(shared, fixedTexts) {
  const oracle = path.join(shared, 'tools', 'mermaid-oracle', 'oracle.mjs');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fix-oracle-'));
  fixedTexts.forEach((f, k) => writeFileSync(path.join(dir, `${String(k).padStart(4, '0')}.mmd`), f.fixed));
  const run = spawnSync(process.execPath, [oracle, dir], { cwd: path.dirname(oracle), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`the oracle failed (run npm ci in ${path.dirname(oracle)}): ${run.stderr}`);
  const verdicts = JSON.parse(run.stdout);
  const records = fixedTexts.map((f, k) => {
    const record = verdicts[k];
    if (!record.file.endsWith(`${String(k).padStart(4, '0')}.mmd`)) throw new Error(`oracle record ${k} is for ${record.file}`);
    return { case: f.case, code: f.code, steps: f.steps, fixed: f.fixed, oracle: { valid: record.valid, diagramType: record.diagramType, error: record.error } };
  });
  const out = path.join(here, '..', 'test', 'data', 'fix-oracle.json');
  const header = { oracle: 'shared/tools/mermaid-oracle (mermaid 12.3.0, jsdom 29.1.1)', written: 'node bench/fix-rate.mjs --write-records', cases: 'every rejected case of shared/mermaid-conformance that --fix repairs, as fixed' };
  writeFileSync(out, `${JSON.stringify({ ...header, records }, null, 1)}\n`);
  rmSync(dir, { recursive: true, force: true });
  console.log(`wrote ${records.length} oracle records to ${path.relative(process.cwd(), out)} (${records.filter((r) => r.oracle.valid).length} valid)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const shared = process.env.INFRALINT_SHARED ?? path.resolve(here, '../../shared');
  const { values: args } = benchArgs(import.meta.url, { 'write-records': { type: 'boolean', default: false } });
  await runFixBench(shared, await importMermaid(), { writeRecords: args['write-records'] });
}
