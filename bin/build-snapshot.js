#!/usr/bin/env node
// Builds the CLI's startup snapshot for one Node binary: a V8 heap in which the bundle is loaded and
// a few checks have run (so their functions are compiled and their tables built), which `node
// --snapshot-blob` starts from instead of loading and warming the bundle again. bin/infralint (the
// sh launcher) uses it when it was built by the running Node for this very bundle in this folder,
// and runs bin/infralint.js otherwise. Run by the build for the Node that builds, by `postinstall`
// (best effort, which also puts a release's sh launcher in place: installShLauncher), and by hand for
// another Node:
//   node bin/build-snapshot.js [--node /path/to/node] [--if-missing] [--best-effort]
// Builtins only: an installed release runs this without its development dependencies.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './run-cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The bundle bin/infralint.js would run: a release's (lib/), else a development build's (dist/). */
export function installedBundle() {
  return ['lib', 'dist'].map((dir) => path.join(root, dir, 'infralint.cjs')).find((file) => existsSync(file));
}

/**
 * The checks that warm the CLI up before its code cache or its snapshot is made: what a student runs
 * (a flowchart, a sequence diagram, the JSON and stylish reports), on the bundled fixtures.
 */
export function warmUpChecks({ withArchitecture = true } = {}) {
  const fixture = (name) => path.join(root, 'fixtures', name);
  return [
    ['check', fixture('complete-flowchart')],
    ['check', fixture('sequence-only')],
    ...(withArchitecture ? [['check', fixture('architecture-beta')]] : []),
    ['check', '--format', 'json', fixture('worked-example')],
  ];
}

/**
 * The checks that warm the snapshot up after warmUpChecks, for what a student's submission runs and
 * those do not: a project folder of all four classic tasks (tasks 0-2 have rubrics and readers of
 * their own) and the Mermaid-native curriculum. Only their functions are kept compiled: the regular
 * expressions only they ran are made anew before the heap is written (snapshot-entry.cjs, warmUp).
 */
export function widerWarmUpChecks() {
  return [
    ['check', path.join(root, 'fixtures', 'all-tasks')],
    ['check', path.join(root, 'fixtures', 'native-complete')],
  ];
}

/**
 * A snapshot's files beside its bundle, named by the Node version that built it (`node --version`,
 * all the sh launcher can learn cheaply): the blob, and a stamp holding the real path of the bundle
 * it was built from (a snapshot holds the paths it saw: copied or moved elsewhere, it is not used),
 * on its second line the string hash seed it was made with (see hashSeedFlags), and on its third the
 * other V8 flags it was made with (cliNodeFlags), which the launcher starts it with.
 */
export function snapshotFilesOf(bundle, version = process.version) {
  const base = path.join(path.dirname(bundle), `infralint.snapshot-${version}`);
  return { blob: `${base}.blob`, stamp: `${base}.root` };
}

/**
 * The snapshot's entry script: the bundle inside, and Mermaid's parser when the build bundled it as a
 * script beside the bundle (mermaid-parser.cjs), loaded and warmed at build time (see snapshot-entry.cjs).
 */
function entrySource(bundle) {
  const template = readFileSync(path.join(root, 'bin', 'snapshot-entry.cjs'), 'utf8');
  const parser = path.join(path.dirname(bundle), 'mermaid-parser.cjs');
  const withParser = existsSync(parser);
  const build = { bundle, withParser, warmUp: warmUpChecks({ withArchitecture: withParser }), widerWarmUp: widerWarmUpChecks() };
  const parts = {
    '/*@BUILD@*/': JSON.stringify(build),
    '/*@RUN_CLI@*/': runCli.toString(),
    '/*@PARSER@*/': withParser ? readFileSync(parser, 'utf8') : '',
    '/*@BUNDLE@*/': readFileSync(bundle, 'utf8'),
  };
  // split/join: the bundle holds `$&` and the like, which String.replace would expand.
  return Object.entries(parts).reduce((text, [marker, value]) => text.split(marker).join(value), template);
}

/**
 * Adds a Node to the list beside the bundle (infralint.snapshots: `<version> <path>` lines) by which
 * bin/infralint learns the running Node's version without starting it: under each path the shell
 * may find it by (as given, its real path, and the PATH entries that lead to it). Entries whose
 * binary is gone or now another version are dropped.
 */
function listNode(dir, node, version) {
  const list = path.join(dir, 'infralint.snapshots');
  const real = realpathSync(node);
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, 'node'))
    .filter((candidate) => { try { return realpathSync(candidate) === real; } catch { return false; } });
  const aliases = new Set([path.resolve(node), real, ...onPath]);
  const versionOf = new Map();
  const kept = (existsSync(list) ? readFileSync(list, 'utf8').split('\n') : []).filter((line) => {
    const [listed, ...rest] = line.split(' ');
    const at = rest.join(' ');
    if (!listed || !at || aliases.has(at)) return false;
    if (!versionOf.has(at)) versionOf.set(at, existsSync(at) ? spawnSync(at, ['--version'], { encoding: 'utf8' }).stdout?.trim() : null);
    return versionOf.get(at) === listed;
  });
  const temporary = `${list}.${process.pid}`;
  writeFileSync(temporary, [...kept, ...[...aliases].map((at) => `${version} ${at}`)].join('\n') + '\n');
  renameSync(temporary, list);
}

/**
 * The V8 flags that give a snapshot its own string hash seed (drawn at random for each build; the sh
 * launcher starts it with the same flags). By default V8 draws a new seed at every start
 * and so rehashes every hash table of the snapshot's heap (about 7 ms of a 120 ms cold check). A
 * seed fixed per build, and so per install, is as unknown to whoever writes a submission as a seed
 * per run: hash flooding needs the seed. (It shows in the command line of a running check.)
 */
function hashSeedFlags(seed) {
  return [`--hash-seed=${seed}`, '--no-rehash-snapshot'];
}

/**
 * The V8 flags every start of the CLI gets (bin/node-flags, which the sh launcher reads too): the
 * snapshot is built with them and its stamp names them for the launcher (see snapshotFilesOf).
 */
export function cliNodeFlags() {
  const line = readFileSync(path.join(root, 'bin', 'node-flags'), 'utf8').split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('#'));
  if (line && /[^-a-z0-9=. ]/i.test(line)) throw new Error(`bin/node-flags holds characters the launcher refuses: ${line}`);
  return line ? line.split(/ +/) : [];
}

/**
 * Builds the snapshot of `bundle` with the Node binary `node`; returns its blob's path. In a fresh
 * process with no NODE_OPTIONS: the snapshot is only accepted under the V8 flags it was made with.
 */
export function buildSnapshot(bundle, { node = process.execPath } = {}) {
  const real = realpathSync(bundle);
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (!/^v\d+\./.test(version ?? '')) throw new Error(`${node} --version did not give a version`);
  const { blob, stamp } = snapshotFilesOf(real, version);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'infralint-snapshot-'));
  try {
    const entry = path.join(scratch, 'entry.cjs');
    writeFileSync(entry, entrySource(real));
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const made = path.join(scratch, 'snapshot.blob');
    // Node warns that some builtins the bundle loads are not verified in snapshots: they are held
    // only as module objects (no handle, no stream is open when the snapshot is taken).
    const seed = randomInt(1, 2 ** 31 - 1);
    const flags = cliNodeFlags();
    const run = spawnSync(node, [...hashSeedFlags(seed), ...flags, '--no-warnings', '--snapshot-blob', made, '--build-snapshot', entry], { env, encoding: 'utf8', timeout: 120_000 });
    if (run.status !== 0 || !existsSync(made)) throw new Error(`${node} --build-snapshot failed (${run.status ?? run.signal}): ${run.stderr.trim().split('\n').slice(0, 6).join('\n')}`);
    // Into place by a rename, stamp last: the launcher never sees half a blob.
    rmSync(stamp, { force: true });
    renameSync(made, blob);
    writeFileSync(stamp, `${real}\n${seed}\n${flags.join(' ')}\n`);
    listNode(path.dirname(real), node, version);
    return blob;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Puts a release's sh launcher (bin/infralint.sh) in place of the Node script npm linked as the command
 * (bin/infralint, see scripts/release.mjs), once this folder has a snapshot for it to start from. Only
 * where its `#!/bin/sh` runs: on Windows the Node script stays, which npm's shims can start. A rename,
 * so the command is whole at every instant; npm's links point at the path, so they follow. Returns
 * whether it did; a development checkout has no bin/infralint.sh, its bin/infralint is the launcher.
 */
export function installShLauncher(binDir = path.join(root, 'bin')) {
  const waiting = path.join(binDir, 'infralint.sh');
  if (process.platform === 'win32' || !existsSync(waiting) || !existsSync('/bin/sh')) return false;
  chmodSync(waiting, 0o755);
  renameSync(waiting, path.join(binDir, 'infralint'));
  return true;
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const nodeAt = args.indexOf('--node');
  const node = nodeAt >= 0 ? args[nodeAt + 1] : process.execPath;
  const bestEffort = args.includes('--best-effort');
  const bundle = installedBundle();
  try {
    // `postinstall` of a development checkout runs before its build (`prepare`), which makes one.
    if (!bundle && bestEffort) process.exit(0);
    if (!bundle) throw new Error('no bundle to snapshot (run `npm run build` first)');
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout?.trim();
    const { blob, stamp } = snapshotFilesOf(realpathSync(bundle), version);
    const current = existsSync(blob) && existsSync(stamp) && readFileSync(stamp, 'utf8').split('\n')[0] === realpathSync(bundle);
    if (!(args.includes('--if-missing') && current)) console.error(`infralint: built the startup snapshot ${buildSnapshot(bundle, { node })}`);
    try {
      installShLauncher();
    } catch (error) {
      console.error(`infralint: the command stays the Node launcher (bin/infralint.js): ${error.message}`);
    }
  } catch (error) {
    // After an install, a snapshot that cannot be made only costs start-up time: bin/infralint runs without it.
    console.error(`infralint: no startup snapshot: ${error.message}`);
    process.exitCode = bestEffort ? 0 : 1;
  }
}
