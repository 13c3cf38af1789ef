// bin/infralint, the sh launcher npm links: it starts node from the startup snapshot the running Node
// built for this install's bundle (bin/build-snapshot.js), and otherwise runs bin/infralint.js. On
// a copy of the built install (so that its snapshot can be removed, damaged or moved): the reports
// must be the same byte for byte either way, and every way a snapshot can be unusable must end in
// the plain CLI with the right report and exit code.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { releaseFiles } from '../../scripts/release-files.mjs';
import { FIXTURES, HAS_SHARED, PROJECT, SHARED } from '../helpers/paths.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'infralint-launcher-'));
const install = path.join(work, 'infralint');
const version = process.version;
const blobOf = (dir: string) => path.join(dir, 'dist', `infralint.snapshot-${version}.blob`);

/** An install as npm leaves it: bin/, the bundle with its tables and code cache, rules/, fixtures/ and the dependencies. */
function copyInstall(to: string): void {
  mkdirSync(path.join(to, 'dist'), { recursive: true });
  for (const dir of ['bin', 'rules', 'fixtures']) cpSync(path.join(PROJECT, dir), path.join(to, dir), { recursive: true });
  copyFileSync(path.join(PROJECT, 'package.json'), path.join(to, 'package.json'));
  for (const f of releaseFiles(path.join(PROJECT, 'dist'))) copyFileSync(path.join(PROJECT, 'dist', f), path.join(to, 'dist', f));
  symlinkSync(path.join(PROJECT, 'node_modules'), path.join(to, 'node_modules'));
}

function launch(launcher: string, args: string[], env: Record<string, string> = {}, cwd?: string) {
  const r = spawnSync(launcher, args, {
    encoding: 'utf8', timeout: 60_000, cwd,
    env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`, INFRALINT_DEBUG_LAUNCH: '1', ...env },
  });
  const lines = r.stderr.split('\n');
  return {
    code: r.status, stdout: r.stdout,
    how: lines.filter((l) => l.startsWith('infralint launcher: ')).join('\n'),
    stderr: lines.filter((l) => !l.startsWith('infralint launcher: ')).join('\n'),
  };
}

const launcher = path.join(install, 'bin', 'infralint');
const sample = ['complete-flowchart', 'sequence-only', 'worked-example'];

/** What the plain CLI (bin/infralint.js, no snapshot) prints and returns. */
function plainRun(args: string[]) {
  return launch(launcher, args, { INFRALINT_SNAPSHOT: 'off' });
}

describe('the sh launcher and its startup snapshot (built binary)', () => {
  beforeAll(() => {
    copyInstall(install);
    const built = spawnSync(process.execPath, [path.join(install, 'bin', 'build-snapshot.js')], { encoding: 'utf8', timeout: 120_000 });
    expect(built.status).toBe(0);
  }, 150_000);
  afterAll(() => {
    chmodSync(install, 0o755);
    rmSync(work, { recursive: true, force: true });
  });

  it('starts from the snapshot and prints what the plain CLI prints, byte for byte: every bundled fixture in JSON, some in the terminal report', () => {
    for (const name of readdirSync(FIXTURES)) {
      const formats = sample.includes(name) ? [['--format', 'json'], []] : [['--format', 'json']];
      for (const args of formats.map((format) => ['check', ...format, path.join(FIXTURES, name)])) {
        const fromSnapshot = launch(launcher, args);
        expect(fromSnapshot.how).toBe(`infralint launcher: from the snapshot ${blobOf(install)} (Node ${version}, by the list)`);
        const plain = plainRun(args);
        expect(plain.how).toContain('without the snapshot');
        expect([name, fromSnapshot.code, fromSnapshot.stdout, fromSnapshot.stderr]).toEqual([name, plain.code, plain.stdout, plain.stderr]);
      }
    }
  }, 300_000);

  it('finds node on PATH as `command -v` does, past empty, missing and wildcard entries', () => {
    const dirs = ['', path.join(work, 'no-such-folder'), path.join(work, '*'), path.dirname(process.execPath)];
    const r = launch(launcher, ['--version'], { PATH: [...dirs, process.env.PATH].join(path.delimiter) });
    expect([r.code, r.how]).toEqual([0, `infralint launcher: from the snapshot ${blobOf(install)} (Node ${version}, by the list)`]);
  });

  it('leaves nothing in the temporary folder, and starts from the snapshot when it cannot write there', () => {
    const tmp = mkdtempSync(path.join(work, 'tmp-'));
    const args = ['check', path.join(FIXTURES, 'worked-example')];
    const plain = plainRun(args);
    for (const env of [{ TMPDIR: tmp }, { TMPDIR: path.join(work, 'no-such-folder') }]) {
      const r = launch(launcher, args, env);
      expect([r.code, r.stdout, r.stderr, r.how]).toEqual([plain.code, plain.stdout, plain.stderr, expect.stringContaining('from the snapshot')]);
    }
    expect(readdirSync(tmp)).toEqual([]);
  });

  // Real submissions exercise far more of the prose reader's expressions than the fixtures do.
  (HAS_SHARED ? it : it.skip)('prints what the plain CLI prints for a sample of the real corpus (every tenth submission)', () => {
    const corpus = path.join(SHARED, 'corpus', 'real');
    const manifest = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8')) as { id: string }[];
    const sampled = manifest.filter((_, k) => k % 10 === 0);
    expect(sampled.length).toBeGreaterThan(5);
    for (const { id } of sampled) {
      const args = ['check', '--format', 'json', path.join(corpus, id)];
      const fromSnapshot = launch(launcher, args);
      expect(fromSnapshot.how).toContain('from the snapshot');
      const plain = plainRun(args);
      expect([fromSnapshot.code, fromSnapshot.stdout, fromSnapshot.stderr]).toEqual([plain.code, plain.stdout, plain.stderr]);
    }
  }, 300_000);

  it('runs architecture-beta (its parser warmed in the snapshot) and what the warm-up never ran (explain, a usage error, --version) the same way', () => {
    // An architecture-beta diagram Mermaid's parser rejects: its errors come from the parser's own state.
    const broken = path.join(work, 'broken-architecture');
    cpSync(path.join(FIXTURES, 'architecture-beta'), broken, { recursive: true });
    const task = path.join(broken, 'web_infrastructure_design', '3-scale_up.md');
    writeFileSync(task, readFileSync(task, 'utf8').replace('architecture-beta', 'architecture-beta\n    service ((broken'));
    for (const args of [['check', path.join(FIXTURES, 'architecture-beta')], ['check', '--format', 'json', broken], ['explain', 'component-count'], ['check', '--format', 'nope', FIXTURES], ['--version']]) {
      const fromSnapshot = launch(launcher, args);
      expect(fromSnapshot.how).toContain('from the snapshot');
      const plain = plainRun(args);
      expect([fromSnapshot.code, fromSnapshot.stdout, fromSnapshot.stderr]).toEqual([plain.code, plain.stdout, plain.stderr]);
    }
  });

  // What the snapshot does not hold (scripts/bundle-options.mjs) is read from disk when a run needs it:
  // js-yaml for a Mermaid node's @{ ... } block, ajv for a configuration file, the bulk commands'
  // script for grade and merge (whose usage errors are the CLI's own, exit 2 with one line).
  it('loads what its snapshot does not hold when a run needs it, and reports the same as without the snapshot', () => {
    const shapes = path.join(work, 'shape-data');
    mkdirSync(shapes);
    writeFileSync(path.join(shapes, '3-scale_up.md'), '# Scale up\n\n```mermaid\nflowchart LR\n  lb@{ shape: rect, label: "HAProxy load balancer" } --> web\n```\n\n```mermaid\nflowchart LR\n  db@{ shape: [cyl } --> web\n```\n');
    const configured = path.join(work, 'configured');
    cpSync(path.join(FIXTURES, 'complete-flowchart'), configured, { recursive: true });
    writeFileSync(path.join(configured, '.infralintrc.json'), '{ "rules": { "lb-cluster": "off" }, "unknown-setting": true }');
    const runs = [
      { args: ['check', '--format', 'json', shapes], says: ['HAProxy load balancer', 'The @{ ... } block is not valid YAML'] },
      { args: ['check', '.'], cwd: configured, says: ['must NOT have additional properties ("unknown-setting")'] },
      { args: ['grade', path.join(FIXTURES, 'complete-flowchart')], says: ['looks like one repository'] },
      { args: ['merge', path.join(work, 'no-such-results.jsonl')], says: ['infralint: cannot read'] },
    ];
    for (const { args, cwd, says } of runs) {
      const fromSnapshot = launch(launcher, args, {}, cwd);
      expect(fromSnapshot.how).toContain('from the snapshot');
      const plain = launch(launcher, args, { INFRALINT_SNAPSHOT: 'off' }, cwd);
      expect([fromSnapshot.code, fromSnapshot.stdout, fromSnapshot.stderr]).toEqual([plain.code, plain.stdout, plain.stderr]);
      for (const text of says) expect([args, fromSnapshot.stdout + fromSnapshot.stderr]).toEqual([args, expect.stringContaining(text)]);
      if (args[0] !== 'check') expect([args, fromSnapshot.code, fromSnapshot.stderr.trim().split('\n').length]).toEqual([args, 2, 1]);
    }
  });

  // grade imports its worker pool, progress bar and Graphviz at run time (no import() of the snapshot's
  // own: the launcher's loader) and starts worker threads from a process started from the snapshot.
  it('grades a cohort with worker threads from the snapshot, every output the same as without it', () => {
    const cohort = path.join(work, 'cohort');
    for (const [student, fixture] of [['alice', 'worked-example'], ['bob', 'complete-flowchart'], ['carol', 'architecture-beta']]) {
      cpSync(path.join(FIXTURES, fixture!), path.join(cohort, student!), { recursive: true });
    }
    const outputs = (out: string) => readdirSync(out, { recursive: true, withFileTypes: true }).filter((d) => d.isFile())
      .map((d) => path.relative(out, path.join(d.parentPath, d.name))).sort().map((f) => [f, readFileSync(path.join(out, f), 'utf8')]);
    const graded = [launch, (l: string, a: string[]) => launch(l, a, { INFRALINT_SNAPSHOT: 'off' })].map((how, k) => {
      const out = path.join(work, `grades-${k}`);
      const r = how(launcher, ['grade', cohort, '--out', out, '--jobs', '2']);
      expect(r.code).toBe(0);
      return { how: r.how, files: outputs(out) };
    });
    expect(graded[0]!.how).toContain('from the snapshot');
    expect(graded[0]!.files.map(([f]) => f)).toEqual(expect.arrayContaining(['results.jsonl', 'gradebook.csv', 'report.html']));
    expect(graded[0]!.files).toEqual(graded[1]!.files);
  }, 120_000);

  // A grade long enough to be caught running, started from the snapshot; node's pid is read from
  // /proc (the launcher's child).
  async function longGradeRunning(name: string, env: Record<string, string> = {}) {
    const cohort = path.join(work, `${name}-cohort`);
    for (let k = 0; k < 40; k++) cpSync(path.join(FIXTURES, 'worked-example'), path.join(cohort, `student${k}`), { recursive: true });
    const child = spawn(launcher, ['grade', cohort, '--out', path.join(work, `${name}-grades`), '--jobs', '1'], {
      env: { ...process.env, NODE_OPTIONS: '', PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`, INFRALINT_DEBUG_LAUNCH: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    while (!stderr.includes('graded')) await new Promise((r) => setTimeout(r, 20));
    return { child, exited, stderr: () => stderr };
  }
  const fromSnapshot = () => readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(blobOf(install));
    } catch {
      return false; // gone meanwhile
    }
  });

  // The launcher waits for node (to read its exit status) instead of becoming it: a signal sent to
  // the launcher alone (`kill <pid>`, a supervisor) must still stop the CLI, not leave it running.
  (existsSync('/proc/self/cmdline') ? it : it.skip)('stops the CLI when the launcher alone is sent SIGTERM', async () => {
    const run = await longGradeRunning('sigterm');
    expect(run.stderr()).toContain('from the snapshot');
    expect(fromSnapshot()).toHaveLength(1);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(143);
    for (let tries = 0; tries < 50 && fromSnapshot().length; tries++) await new Promise((r) => setTimeout(r, 100));
    expect(fromSnapshot()).toEqual([]);
  }, 120_000);

  // Only a snapshot refused or damaged (before the CLI runs) is worth a second start without it: a
  // crash of the CLI itself (V8's out-of-memory abort is SIGABRT) must not run a grade twice.
  (existsSync('/proc/self/cmdline') ? it : it.skip)('does not run the CLI again when it crashes after it started, and leaves no file behind', async () => {
    const tmp = mkdtempSync(path.join(work, 'tmp-'));
    const run = await longGradeRunning('abort', { TMPDIR: tmp });
    const [pid] = fromSnapshot();
    process.kill(Number(pid), 'SIGABRT');
    expect(await run.exited).toBe(134);
    expect(run.stderr()).toMatch(/infralint: node stopped on signal ABRT while running the CLI from /);
    expect(run.stderr()).not.toContain('starting without it');
    expect(readdirSync(tmp)).toEqual([]);
  }, 120_000);

  it('reads the run from the run, not from the build: a path relative to the working directory', () => {
    const args = ['check', path.join('fixtures', 'worked-example')];
    const inProject = (env: Record<string, string>) => spawnSync(launcher, args, { cwd: PROJECT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`, ...env } });
    const fromSnapshot = inProject({});
    expect(fromSnapshot.status).toBe(0);
    expect(fromSnapshot.stdout).toBe(inProject({ INFRALINT_SNAPSHOT: 'off' }).stdout);
  });

  it('follows the links npm makes to the launcher', () => {
    const binDir = path.join(work, 'node_modules', '.bin');
    mkdirSync(binDir, { recursive: true });
    symlinkSync(path.relative(binDir, launcher), path.join(binDir, 'infralint'));
    const r = launch(path.join(binDir, 'infralint'), ['check', path.join(FIXTURES, 'worked-example')]);
    expect([r.code, r.how]).toEqual([0, expect.stringContaining('from the snapshot')]);
  });

  it('asks node its version when the list of the Nodes that built a snapshot is older than the node binary (an upgrade in place)', () => {
    const list = path.join(install, 'dist', 'infralint.snapshots');
    const written = statSync(list).mtime;
    utimesSync(list, new Date(0), new Date(0));
    try {
      const r = launch(launcher, ['check', path.join(FIXTURES, 'worked-example')]);
      expect([r.code, r.how]).toEqual([0, `infralint launcher: from the snapshot ${blobOf(install)} (Node ${version}, by node --version)`]);
    } finally {
      utimesSync(list, written, written);
    }
  });

  it('gives the commands the CLI runs (git, for collect) the user\'s environment, without the malloc tunables it started with', () => {
    const dir = path.join(work, 'recording-git');
    mkdirSync(dir);
    const seen = path.join(dir, 'seen');
    writeFileSync(path.join(dir, 'git'), `#!/bin/sh\nprintf '%s %s\\n' "\${GLIBC_TUNABLES-(unset)}" "\${INFRALINT_LAUNCH_TUNABLES-(unset)}" >> '${seen}'\nexit 1\n`);
    chmodSync(path.join(dir, 'git'), 0o755);
    writeFileSync(path.join(dir, 'roster.csv'), 'github\nalice\n');
    const { GLIBC_TUNABLES: _ours, ...inherited } = process.env;
    const collect = (env: Record<string, string>) => {
      writeFileSync(seen, '');
      const r = spawnSync(launcher, ['collect', 'roster.csv', '--repo', 'file:///nowhere/{login}.git', '--dir', 'cohort'], {
        cwd: dir, encoding: 'utf8', timeout: 60_000,
        env: { ...inherited, NODE_OPTIONS: '', INFRALINT_DEBUG_LAUNCH: '1', PATH: `${dir}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`, ...env },
      });
      expect(r.stderr).toContain('infralint launcher: from the snapshot');
      const lines = readFileSync(seen, 'utf8').split('\n').slice(0, -1);
      expect(lines.length).toBeGreaterThan(0);
      return [...new Set(lines)];
    };
    expect(collect({})).toEqual(['(unset) (unset)']);
    expect(collect({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' })).toEqual(['glibc.malloc.arena_max=2 (unset)']);
    // The launcher's own mark, found in the user's environment, is not the launcher's doing.
    expect(collect({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2', INFRALINT_LAUNCH_TUNABLES: '1' })).toEqual(['glibc.malloc.arena_max=2 (unset)']);
  });

  it('runs without the snapshot when NODE_OPTIONS is set (its V8 flags would make Node refuse it)', () => {
    const r = launch(launcher, ['check', path.join(FIXTURES, 'worked-example')], { NODE_OPTIONS: '--max-old-space-size=512' });
    expect([r.code, r.how, r.stderr]).toEqual([0, expect.stringContaining('without the snapshot'), '']);
  });

  describe('when the snapshot cannot be used', () => {
    const args = ['check', '--format', 'json', path.join(FIXTURES, 'worked-example')];
    let expected: { code: number | null; stdout: string };
    let blob: Buffer;
    beforeAll(() => {
      const plain = plainRun(args);
      expected = { code: plain.code, stdout: plain.stdout };
      blob = readFileSync(blobOf(install));
    });
    afterEach(() => writeFileSync(blobOf(install), blob));

    it('runs the plain CLI when there is no snapshot for this Node', () => {
      rmSync(blobOf(install));
      const r = launch(launcher, args);
      expect([r.code, r.stdout, r.stderr, r.how]).toEqual([expected.code, expected.stdout, '', `infralint launcher: without a snapshot (none for Node ${version})`]);
    });

    it('runs the plain CLI when the snapshot was made by another Node', () => {
      // The blob's header names the Node version that made it: another one's, under this one's file name.
      const own = Buffer.from(version.slice(1));
      const at = blob.indexOf(own);
      expect(at).toBeGreaterThan(0);
      const other = Buffer.from(blob);
      other[at + own.length - 1] = own[own.length - 1] === 0x39 ? 0x38 : own[own.length - 1]! + 1;
      writeFileSync(blobOf(install), other);
      const r = launch(launcher, args);
      expect([r.code, r.stdout]).toEqual([expected.code, expected.stdout]);
      expect(r.stderr).toMatch(/infralint: could not start from .* \(exit 14\); starting without it/);
    });

    it.each([
      ['another seed', (seed: string) => String((Number(seed) % 1000) + 1)],
      ['no seed at all', () => ''],
      ['a seed that is no number', () => '1 *'],
    ])('runs the plain CLI when the stamp names the snapshot\'s hash seed wrongly (%s)', (kind, seedFor) => {
      const stampFile = blobOf(install).replace(/\.blob$/, '.root');
      const stamp = readFileSync(stampFile, 'utf8');
      const [bundle, seed, flags] = stamp.split('\n');
      expect(seed).toMatch(/^\d+$/);
      try {
        writeFileSync(stampFile, `${bundle}\n${seedFor(seed!)}\n${flags}\n`);
        const r = launch(launcher, args);
        expect([kind, r.code, r.stdout]).toEqual([kind, expected.code, expected.stdout]);
        if (kind !== 'another seed') expect([r.stderr, r.how]).toEqual(['', expect.stringContaining('without the snapshot')]);
        // Another seed: Node 20 refuses the snapshot (V8 11 counts the seed among the flags a snapshot
        // is made under); Node 24 starts from it with the seed it holds (V8 13 ignores the flag when
        // it does not rehash), and prints the same.
        else if (Number(process.versions.v8.split('.')[0]) < 12) expect(r.stderr).toMatch(/infralint: could not start from .* \(exit 14\); starting without it/);
        else expect([r.stderr, r.how]).toEqual(['', expect.stringContaining('from the snapshot')]);
      } finally {
        writeFileSync(stampFile, stamp);
      }
    });

    it.each([
      // What a stamp holds is passed to node unquoted: anything but a flag's characters is refused.
      ['characters a flag never holds', '--max-semi-space-size=4; touch pwned', 'refused'],
      ['a flag it was not built with', '--max-semi-space-size=8', 'tried'],
    ])('runs the plain CLI when the stamp names the snapshot\'s V8 flags wrongly (%s)', (_, flags, how) => {
      const stampFile = blobOf(install).replace(/\.blob$/, '.root');
      const stamp = readFileSync(stampFile, 'utf8');
      const [bundle, seed, built] = stamp.split('\n');
      expect(built).toMatch(/^--max-semi-space-size=\d+$/);
      const cwd = mkdtempSync(path.join(work, 'flags-'));
      try {
        writeFileSync(stampFile, `${bundle}\n${seed}\n${flags}\n`);
        const r = launch(launcher, args, {}, cwd);
        expect([r.code, r.stdout]).toEqual([expected.code, expected.stdout]);
        expect(readdirSync(cwd)).toEqual([]);
        if (how === 'refused') expect([r.stderr, r.how]).toEqual(['', expect.stringContaining('without the snapshot')]);
        // Another young generation: Node 20 refuses the snapshot before the CLI runs (V8 11 counts the
        // flag among those a snapshot is made under); Node 22 and 24 start from it, the heap set up
        // with the flag given, and print the same.
        else if (Number(process.versions.v8.split('.')[0]) < 12) expect(r.stderr).toMatch(/infralint: could not start from .* \(exit 14\); starting without it/);
        else expect([r.stderr, r.how]).toEqual(['', expect.stringContaining('from the snapshot')]);
      } finally {
        writeFileSync(stampFile, stamp);
      }
    });

    it.each([
      ['cut short', (file: string) => truncateSync(file, Math.floor(blob.length / 2))],
      ['not a snapshot at all', (file: string) => writeFileSync(file, 'not a snapshot\n')],
    ])('runs the plain CLI when the snapshot is damaged (%s)', (_, damage) => {
      damage(blobOf(install));
      const tmp = mkdtempSync(path.join(work, 'tmp-'));
      const r = launch(launcher, args, { TMPDIR: tmp });
      expect([r.code, r.stdout]).toEqual([expected.code, expected.stdout]);
      expect(r.stderr).toMatch(/infralint: could not start from .* \(exit 1[0-9]{2}\); starting without it/);
      expect(readdirSync(tmp)).toEqual([]);
    });

    it('does not use a snapshot moved with its install (it holds the old paths), and the install still runs', () => {
      const moved = path.join(work, 'moved');
      cpSync(install, moved, { recursive: true, verbatimSymlinks: true });
      const r = launch(path.join(moved, 'bin', 'infralint'), args);
      expect([r.code, r.stdout, r.stderr]).toEqual([expected.code, expected.stdout, '']);
      expect(r.how).toBe(`infralint launcher: without the snapshot (${blobOf(moved)} was built for ${path.join(install, 'dist', 'infralint.cjs')})`);
    });

    it('says why a snapshot could not be built when its warm-up fails (no stack is captured while one is built)', () => {
      const partial = path.join(work, 'no-fixtures');
      cpSync(install, partial, { recursive: true, verbatimSymlinks: true });
      rmSync(path.join(partial, 'fixtures'), { recursive: true });
      const built = spawnSync(process.execPath, [path.join(partial, 'bin', 'build-snapshot.js')], { encoding: 'utf8', timeout: 120_000 });
      expect(built.stderr).toMatch(/infralint: no startup snapshot: .* --build-snapshot failed \(1\): Error: warming the snapshot: infralint check .*fixtures.* exited 2/);
    }, 150_000);

    it('runs from a read-only install, writing nothing there, and building a snapshot there fails softly after an install', () => {
      rmSync(blobOf(install));
      const listing = () => readdirSync(path.join(install, 'dist')).sort();
      const before = listing();
      for (const dir of [install, path.join(install, 'dist'), path.join(install, 'bin')]) chmodSync(dir, 0o555);
      try {
        const r = launch(launcher, args);
        expect([r.code, r.stdout, r.stderr]).toEqual([expected.code, expected.stdout, '']);
        const postinstall = spawnSync(process.execPath, [path.join(install, 'bin', 'build-snapshot.js'), '--if-missing', '--best-effort'], { encoding: 'utf8', timeout: 120_000 });
        expect(postinstall.status).toBe(0);
        // root may write anywhere: there the snapshot is built; anyone else gets a message, not a failed install.
        if (process.getuid?.() !== 0) {
          expect(postinstall.stderr).toMatch(/infralint: no startup snapshot: /);
          expect(listing()).toEqual(before);
        }
      } finally {
        for (const dir of [install, path.join(install, 'dist'), path.join(install, 'bin')]) chmodSync(dir, 0o755);
      }
      expect(existsSync(path.join(install, 'dist', 'infralint.cjs'))).toBe(true);
    }, 150_000);
  });
});
