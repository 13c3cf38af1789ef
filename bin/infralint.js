#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli/main.js and returns an exit code instead of exiting.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `infralint check | head` closes the pipe early: that is not an error worth a stack trace; a full
// disk or a closed stdout (`> /dev/full`) is one line and exit 2.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`infralint: cannot write the report: ${error.code ?? error.message}\n`);
  process.exit(2);
});

// The one-file bundle starts fastest: a release's (lib/), else a development build's (dist/); the
// compiled modules are the fallback.
const entry = [new URL('../lib/infralint.mjs', import.meta.url), new URL('../dist/infralint.mjs', import.meta.url), new URL('../dist/cli/main.js', import.meta.url)]
  .find((url) => existsSync(fileURLToPath(url))) ?? new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('infralint: not built yet; run `npm ci` (or `npm run build`) in the infralint folder first.\n');
  process.exitCode = 2;
} else {
  const { main, compileRegexpsOnce } = await import(entry.href);
  compileRegexpsOnce?.();
  process.exitCode = await main(process.argv.slice(2));
  // The work is done: a worker thread blocked in a system call (a stuck file system) must not keep
  // the process, and a CI job, alive. The timer does not itself keep the process up.
  setTimeout(() => process.exit(), 10_000).unref();
}
