#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli/main.js and returns an exit code instead of exiting.
// Builtins through process.getBuiltinModule: an ESM import of node:fs builds its module facade,
// which a cold start need not pay for.
const { existsSync } = process.getBuiltinModule('node:fs');
const { fileURLToPath } = process.getBuiltinModule('node:url');

// `infralint check | head` closes the pipe early: that is not an error worth a stack trace; a full
// disk or a closed stdout (`> /dev/full`) is one line and exit 2.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`infralint: cannot write the report: ${error.code ?? error.message}\n`);
  process.exit(2);
});

// The one-file bundle starts fastest: a release's (lib/), else a development build's (dist/), run
// with its code cache (see load-cli.js); the compiled modules are the fallback.
const bundle = [new URL('../lib/infralint.cjs', import.meta.url), new URL('../dist/infralint.cjs', import.meta.url)]
  .map((url) => fileURLToPath(url)).find((file) => existsSync(file));
const modules = new URL('../dist/cli/main.js', import.meta.url);
if (!bundle && !existsSync(fileURLToPath(modules))) {
  process.stderr.write('infralint: not built yet; run `npm ci` (or `npm run build`) in the infralint folder first.\n');
  process.exitCode = 2;
} else {
  const { main, compileRegexpsOnce } = bundle ? (await import('./load-cli.js')).loadCli(bundle).exports : await import(modules.href);
  compileRegexpsOnce();
  process.exitCode = await main(process.argv.slice(2));
  // The work is done: a worker thread blocked in a system call (a stuck file system) must not keep
  // the process, and a CI job, alive. The timer does not itself keep the process up.
  setTimeout(() => process.exit(), 10_000).unref();
}
