// Makes a release commit: the bundled CLI (lib/) and the Action bundle committed on top of HEAD, tagged
// vX.Y.Z, with the moving major tag (v1) following it, so that `npm install -g git+URL#v1`, `npx`, the
// pre-commit hook (rev: v1.2.3) and `uses: owner/infralint@v1` all run without building.
// Usage: node scripts/release.mjs 1.2.3 [--no-build]   (then: git push origin v1.2.3 && git push -f origin v1)
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { releaseFiles } from './release-files.mjs';

const version = process.argv[2];
if (!/^\d+\.\d+\.\d+$/.test(version ?? '')) {
  console.error('usage: node scripts/release.mjs X.Y.Z [--no-build]');
  process.exit(2);
}
// Its first line is what npm's Windows shim reads; the rest only hands over to the Node launcher.
const PORTABLE_LAUNCHER = `#!/usr/bin/env node
// infralint's command on every platform (the release's sh launcher, bin/infralint.sh, replaces this file
// on install where it can start from a startup snapshot; see bin/build-snapshot.js).
import('./infralint.js');
`;
const git = (...args) => execFileSync('git', args, { encoding: 'utf8' }).trim();
if (!process.argv.includes('--no-build')) execFileSync('npm', ['run', 'build:action'], { stdio: 'inherit' });
const branch = git('rev-parse', '--abbrev-ref', 'HEAD');
mkdirSync('lib', { recursive: true });
for (const file of releaseFiles('dist')) copyFileSync(`dist/${file}`, `lib/${file}`);
git('checkout', '--detach');
// The command npm links must run wherever npm does. On Windows npm writes a .cmd shim that runs the
// interpreter the file's shebang names: `#!/bin/sh` (the sh launcher's) would not start there. So a
// release links a Node script, and keeps the sh launcher beside it (bin/infralint.sh) for `postinstall`
// to put in its place where a POSIX sh and a startup snapshot exist (bin/build-snapshot.js).
git('mv', 'bin/infralint', 'bin/infralint.sh');
writeFileSync('bin/infralint', PORTABLE_LAUNCHER, { mode: 0o755 });
// A release runs from lib/: nothing to build, so no `prepare` script (its output on stdout is read as
// the tarball's name by pre-commit's `npm pack`) and no devDependencies for an installer to fetch.
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
delete manifest.scripts.prepare;
delete manifest.devDependencies;
writeFileSync('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
git('add', '-f', 'lib', 'action/dist', 'package.json', 'bin/infralint');
git('commit', '-m', `Release v${version}: the bundled CLI in lib/`);
git('tag', '-f', `v${version}`);
git('tag', '-f', `v${version.split('.')[0]}`);
if (branch !== 'HEAD') git('checkout', branch);
// lib/ belongs to release commits only: a development checkout runs and builds from dist/.
rmSync('lib', { recursive: true, force: true });
console.log(`tagged v${version} and v${version.split('.')[0]}; push them: git push origin v${version} && git push -f origin v${version.split('.')[0]}`);
