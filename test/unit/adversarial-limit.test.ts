import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT } from '../helpers/paths.js';

/**
 * The adversarial suite's per-input limit counts CPU time, not wall time (bench/adversarial/
 * cpu-time.mjs): an input that waits (as one does for a core on a loaded 2-core CI machine) is not
 * a hang, and one that computes past the limit is, whatever the load. The fuzzer's worker runs a
 * stand-in library here, whose inputs wait or spin on demand: the harness is under test, not infralint.
 */
const STAND_IN = `
export const FORMATS = [];
export function formatReport() { return ''; }
export async function parseDiagram() { return { errors: [] }; }
export async function lintText(text) {
  if (text === 'wait') await new Promise((resolve) => setTimeout(resolve, 1500));
  if (text === 'spin') for (;;);
  return {};
}
`;

function runChunk(texts: string[], limitMs: number) {
  const dist = mkdtempSync(path.join(os.tmpdir(), 'infralint-limit-'));
  writeFileSync(path.join(dist, 'index.js'), STAND_IN);
  writeFileSync(path.join(dist, 'package.json'), '{"type":"module"}');
  const fuzz = pathToFileURL(path.join(PROJECT, 'bench', 'adversarial', 'fuzz.mjs')).href;
  const inputs = texts.map((text, index) => ({ index, kind: 'submission', text, formats: false }));
  const script = `const { runChunk } = await import(${JSON.stringify(fuzz)}); const r = await runChunk(${JSON.stringify(dist)}, ${JSON.stringify(inputs)}, ${limitMs}); console.log(JSON.stringify(r)); process.exit(0);`;
  // A script file, not `-e`: the worker would inherit `--input-type` and refuse to start.
  writeFileSync(path.join(dist, 'run.mjs'), script);
  const r = spawnSync(process.execPath, [path.join(dist, 'run.mjs')], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { hungAt?: number; ms?: number; wallMs?: number; report?: { done: number } };
}

describe('the adversarial suite\'s per-input limit', () => {
  it('lets an input wait three times the limit on the wall clock, and stops one that computes past it', () => {
    const r = runChunk(['ok', 'wait', 'ok', 'spin', 'ok'], 500);
    expect(r.hungAt).toBe(3);
    expect(r.ms).toBeGreaterThan(500);
  });

  it('runs a chunk of honest inputs to its end', () => {
    expect(runChunk(['ok', 'wait', 'ok'], 500).report?.done).toBe(3);
  });
});
