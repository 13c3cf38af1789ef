// The V8 flags of every start of the CLI (bin/node-flags, issue 17 item 2): the startup snapshot is
// built with them and the sh launcher starts node with them, from the snapshot and without it. A
// `node` earlier on PATH records the command lines the launcher gives it, then runs the real Node.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES, PROJECT } from '../helpers/paths.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'infralint-node-flags-'));
const log = path.join(work, 'node-command-lines');
/** GLIBC_TUNABLES as each node the launcher started saw it ("(unset)" when it had none). */
const tunablesLog = path.join(work, 'node-tunables');
const recordingNode = path.join(work, 'bin', 'node');
const launcher = path.join(PROJECT, 'bin', 'infralint');
/** bin/build-snapshot.js's cliNodeFlags(): what bin/node-flags holds, as the build reads it. */
const flags = JSON.parse(spawnSync(process.execPath, ['--input-type=module', '-e',
  `import { cliNodeFlags } from ${JSON.stringify(pathToFileURL(path.join(PROJECT, 'bin', 'build-snapshot.js')).href)}; console.log(JSON.stringify(cliNodeFlags()));`], { encoding: 'utf8' }).stdout) as string[];

/** The command lines the launcher ran node with for `args` (its `node --version` left out). */
function nodeCommandLines(args: string[], env: Record<string, string> = {}): string[] {
  writeFileSync(log, '');
  writeFileSync(tunablesLog, '');
  const { GLIBC_TUNABLES: _ours, ...inherited } = process.env;
  const r = spawnSync(launcher, args, {
    encoding: 'utf8', timeout: 60_000,
    env: { ...inherited, NODE_OPTIONS: '', INFRALINT_SNAPSHOT: '', PATH: `${path.dirname(recordingNode)}${path.delimiter}${process.env.PATH}`, ...env },
  });
  expect([r.status, r.stderr]).toEqual([0, '']);
  return readFileSync(log, 'utf8').split('\n').filter((line) => line && line !== '--version');
}

/** The young generation's size (MB) after a run that keeps much of what it allocates, as grade's main thread does, in a Node started with `nodeFlags`. */
function youngGenerationMb(nodeFlags: string[]): number {
  const script = `
    const v8 = require('node:v8');
    let kept = [];
    for (let i = 0; i < 3e6; i++) { kept.push({ i }); if (kept.length > 2e5) kept = []; }
    console.log(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576);`;
  const r = spawnSync(process.execPath, [...nodeFlags, '-e', script], { encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr).toBe('');
  return Number(r.stdout);
}

describe('the V8 flags of every start of the CLI (bin/node-flags)', () => {
  beforeAll(() => {
    mkdirSync(path.dirname(recordingNode));
    writeFileSync(recordingNode, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\n[ "$*" = --version ] || printf '%s\\n' "\${GLIBC_TUNABLES-(unset)}" >> '${tunablesLog}'\nexec '${process.execPath}' "$@"\n`);
    chmodSync(recordingNode, 0o755);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('caps the young generation, which a run keeping much of what it allocates grows past the cap without them', () => {
    expect(flags).toContainEqual(expect.stringMatching(/^--max-semi-space-size=\d+$/));
    const semiSpaceMb = Number(flags.find((f) => f.startsWith('--max-semi-space-size='))!.split('=')[1]);
    expect(youngGenerationMb(flags)).toBeLessThanOrEqual(2 * semiSpaceMb);
    expect(youngGenerationMb([])).toBeGreaterThan(2 * semiSpaceMb);
  });

  it('are what the snapshot was built with: its stamp names them for the launcher', () => {
    const stamp = path.join(PROJECT, 'dist', `infralint.snapshot-${process.version}.root`);
    expect(existsSync(stamp.replace(/\.root$/, '.blob'))).toBe(true);
    expect(readFileSync(stamp, 'utf8').split('\n')[2]).toBe(flags.join(' '));
  });

  it('are given to node by the launcher, from the snapshot and without it (INFRALINT_SNAPSHOT=off, NODE_OPTIONS set)', () => {
    const args = ['check', '--format', 'json', path.join(FIXTURES, 'complete-flowchart')];
    const [fromSnapshot, ...more] = nodeCommandLines(args);
    expect(more).toEqual([]);
    expect(fromSnapshot).toContain(' --snapshot-blob ');
    expect(fromSnapshot!.split(' --snapshot-blob ')[0]!.split(' ')).toEqual(expect.arrayContaining(flags));
    const plainLine = `${flags.join(' ')} ${path.join(PROJECT, 'bin', 'infralint.js')} ${args.join(' ')}`;
    expect(nodeCommandLines(args, { INFRALINT_SNAPSHOT: 'off' })).toEqual([plainLine]);
    expect(nodeCommandLines(args, { NODE_OPTIONS: '--no-warnings' })).toEqual([plainLine]);
  });

  it('start from the snapshot with huge pages for glibc malloc\'s large blocks, unless the user set tunables; the plain CLI without', () => {
    const args = ['check', path.join(FIXTURES, 'complete-flowchart')];
    const tunables = () => readFileSync(tunablesLog, 'utf8').split('\n').slice(0, -1);
    nodeCommandLines(args);
    expect(tunables()).toEqual(['glibc.malloc.hugetlb=1']);
    nodeCommandLines(args, { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' });
    expect(tunables()).toEqual(['glibc.malloc.arena_max=2']);
    nodeCommandLines(args, { GLIBC_TUNABLES: '' });
    expect(tunables()).toEqual(['']);
    nodeCommandLines(args, { INFRALINT_SNAPSHOT: 'off' });
    expect(tunables()).toEqual(['(unset)']);
  });

  it('are left out, and the plain CLI still runs, when bin/node-flags holds what the launcher may not pass', () => {
    // bin/ of its own beside the project's build.
    const copy = path.join(work, 'bin-copy');
    cpSync(path.join(PROJECT, 'bin'), copy, { recursive: true });
    for (const dir of ['dist', 'node_modules']) symlinkSync(path.join(PROJECT, dir), path.join(work, dir));
    writeFileSync(path.join(copy, 'node-flags'), '# a comment\n--max-semi-space-size=4 $(touch x) *\n');
    writeFileSync(log, '');
    const r = spawnSync(path.join(copy, 'infralint'), ['--version'], {
      encoding: 'utf8', timeout: 60_000,
      env: { ...process.env, NODE_OPTIONS: '', INFRALINT_SNAPSHOT: 'off', PATH: `${path.dirname(recordingNode)}${path.delimiter}${process.env.PATH}` },
    });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(readFileSync(log, 'utf8').trim()).toBe(`${path.join(copy, 'infralint.js')} --version`);
  });
});
