// What the startup snapshot's wider warm-up leaves in the heap (bin/snapshot-entry.cjs, warmUp): the
// functions a project folder of every task and the Mermaid-native curriculum run, but no bytecode of
// the regular expressions it compiled, those made when the bundle loaded included (where V8 keeps such
// bytecode in a snapshot, Node 20, tasks 0-2's held 3.2 MB more for every start to read back), and
// those compile straight to machine code when a check first uses them. On a scratch install whose snapshot's main, instead of running the CLI,
// asks V8 about those expressions (natives syntax), checks a project folder, and asks again.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT } from '../helpers/paths.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'infralint-warm-up-'));

/** A copy of the built install whose snapshot entry is patched: each patch's text must be found. */
function scratchInstall(patches: [string, string][]): string {
  mkdirSync(path.join(work, 'dist'), { recursive: true });
  cpSync(path.join(PROJECT, 'bin'), path.join(work, 'bin'), { recursive: true });
  for (const f of readdirSync(path.join(PROJECT, 'dist')).filter((n) => /^(infralint\.cjs|mermaid-parser\.cjs|.*-tables\.json)$/.test(n))) copyFileSync(path.join(PROJECT, 'dist', f), path.join(work, 'dist', f));
  for (const shared of ['rules', 'fixtures', 'node_modules']) symlinkSync(path.join(PROJECT, shared), path.join(work, shared));
  copyFileSync(path.join(PROJECT, 'package.json'), path.join(work, 'package.json'));
  const entry = path.join(work, 'bin', 'snapshot-entry.cjs');
  let source = readFileSync(entry, 'utf8');
  for (const [from, to] of patches) {
    expect(source.split(from)).toHaveLength(2);
    source = source.replace(from, to);
  }
  writeFileSync(entry, source);
  return path.join(work, 'bin', 'infralint');
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the startup snapshot's wider warm-up", () => {
  it('keeps no bytecode of the expressions it made, and a check compiles them once, to machine code', () => {
    const launcher = scratchInstall([
      ['  let made;\n', '  let made;\n  globalThis.madeWhenLoaded = recording.made.length;\n'],
      ['  if (keepsRegexpBytecode) remake(made);\n', '  globalThis.madeByTheWiderWarmUp = made;\n  if (keepsRegexpBytecode) remake(made);\n'],
      ['    remake(made.filter((regexp) => !compiled(regexp)), { machineCodeFirst: true });\n', '    globalThis.compiledByTheFour = made.filter(compiled).length;\n    remake(made.filter((regexp) => !compiled(regexp)), { machineCodeFirst: true });\n'],
      ['  return runCli(cli.exports, process.argv.slice(1));\n', `  v8.setFlagsFromString('--allow-natives-syntax');
  const compiled = new Function('r', 'return [%RegexpHasBytecode(r, true) || %RegexpHasBytecode(r, false), %RegexpHasNativeCode(r, true) || %RegexpHasNativeCode(r, false)]');
  const made = globalThis.madeByTheWiderWarmUp;
  const count = () => made.map(compiled).reduce(([bytecode, machine], [b, m]) => [bytecode + b, machine + m], [0, 0]);
  const withBytecode = () => made.flatMap((r, i) => compiled(r)[0] ? [i] : []);
  const atStart = count();
  const bytecodeAtStart = withBytecode();
  const silent = { stdout: () => {}, stderr: () => {}, env: {}, cwd: process.cwd(), isTTY: false, stderrIsTTY: false };
  return cli.exports.main(['check', process.argv[process.argv.length - 1]], silent).then(() => {
    const gained = withBytecode().filter((i) => !bytecodeAtStart.includes(i)).length;
    process.stdout.write(JSON.stringify({ made: made.length, whenLoaded: globalThis.madeWhenLoaded, byTheFour: globalThis.compiledByTheFour ?? 0, atStart, afterCheck: count(), gained }));
  });
`],
    ]);
    const built = spawnSync(process.execPath, [path.join(work, 'bin', 'build-snapshot.js')], { encoding: 'utf8', timeout: 180_000 });
    expect(built.stderr).toContain('built the startup snapshot');
    // A copy of the folder the warm-up read, its prose changed: a submission the snapshot has not read.
    const folder = path.join(work, 'project');
    cpSync(path.join(PROJECT, 'fixtures', 'all-tasks'), folder, { recursive: true });
    for (const task of readdirSync(path.join(folder, 'web_infrastructure_design'))) {
      const file = path.join(folder, 'web_infrastructure_design', task);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/ the /g, ' our '));
    }
    const run = spawnSync(launcher, ['check', folder], {
      encoding: 'utf8', timeout: 60_000,
      env: { ...process.env, NODE_OPTIONS: '', PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`, INFRALINT_DEBUG_LAUNCH: '1' },
    });
    expect(run.stderr).toContain('from the snapshot');
    const { made, whenLoaded, byTheFour, atStart, afterCheck, gained } = JSON.parse(run.stdout) as { made: number; whenLoaded: number; byTheFour: number; atStart: [number, number]; afterCheck: [number, number]; gained: number };
    expect(made).toBeGreaterThan(100);
    // Those made when the bundle loaded are recorded too: its top-level vocabularies.
    expect(whenLoaded).toBeGreaterThan(100);
    // At start, bytecode only for those the four checks compiled after the wider warm-up (as they
    // did before it; none where V8 keeps no expression's code). V8 counts the interpreter's entry as
    // their code: no other has any.
    expect(byTheFour).toBeLessThan(made / 4);
    expect(atStart).toEqual([byTheFour, byTheFour]);
    // The check compiles the others it uses once, to machine code: not one more gets bytecode (one
    // that had it may lose it, when V8 tiers it up to machine code).
    expect(gained).toBe(0);
    expect(afterCheck[0]).toBeLessThanOrEqual(byTheFour);
    expect(afterCheck[1]).toBeGreaterThan(byTheFour + 50);
  }, 240_000);
});
