#!/usr/bin/env node
// The CLI's launcher without a startup snapshot: the sh launcher (bin/infralint) runs this one when
// it has no snapshot for the running Node, and a release's Node command (Windows, or before its
// install put the sh launcher in place: scripts/release.mjs) always does. The CLI lives in dist/cli/main.js and returns an exit code instead of exiting.
// Builtins through process.getBuiltinModule: an ESM import of node:fs builds its module facade,
// which a cold start need not pay for.
const { existsSync } = process.getBuiltinModule('node:fs');
const { fileURLToPath } = process.getBuiltinModule('node:url');

// The one-file bundle starts fastest: a release's (lib/), else a development build's (dist/), run
// with its code cache (see load-cli.js); the compiled modules are the fallback.
const bundle = [new URL('../lib/infralint.cjs', import.meta.url), new URL('../dist/infralint.cjs', import.meta.url)]
  .map((url) => fileURLToPath(url)).find((file) => existsSync(file));
const modules = new URL('../dist/cli/main.js', import.meta.url);
if (!bundle && !existsSync(fileURLToPath(modules))) {
  process.stderr.write('infralint: not built yet; run `npm ci` (or `npm run build`) in the infralint folder first.\n');
  process.exitCode = 2;
} else {
  const cli = bundle ? (await import('./load-cli.js')).loadCli(bundle).exports : await import(modules.href);
  cli.compileRegexpsOnce();
  await (await import('./run-cli.js')).runCli(cli, process.argv.slice(2));
}
