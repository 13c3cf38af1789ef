// npm's `prepare`: builds a development checkout. A release commit (see scripts/release.mjs) carries
// the bundled CLI in lib/, so installing it from git needs no TypeScript toolchain: nothing to build.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (existsSync(new URL('../lib/infralint.cjs', import.meta.url))) {
  console.log('infralint: using the bundled CLI in lib/ (a release); nothing to build');
  process.exit(0);
}
let hasCompiler = true;
try {
  await import('typescript');
} catch {
  hasCompiler = false;
}
if (!hasCompiler) {
  console.error('infralint: this commit is not a release and TypeScript is not installed, so it cannot be built here.\n'
    + 'Install a release instead, e.g. npm install -g git+https://github.com/<owner>/infralint.git#v1');
  process.exit(1);
}
const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(build.status ?? 1);
