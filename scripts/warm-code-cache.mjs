// Makes the CLI bundle's V8 code cache (dist/infralint.v8-<version>.cache, see bin/load-cli.js): in a fresh
// process, loads dist/infralint.cjs as bin/infralint.js does, runs the checks a student runs (a
// flowchart, a sequence diagram, an architecture-beta diagram, the JSON and stylish reports), and
// writes the bytecode of everything compiled by then. Run by scripts/bundle.mjs after each build;
// the cache fits the Node version that made it (another one compiles as usual): to warm it for
// another Node too, run this script with that Node (`/path/to/node24 scripts/warm-code-cache.mjs`).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheFileOf, loadCli } from '../bin/load-cli.js';
import { warmUpChecks } from '../bin/build-snapshot.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'infralint.cjs');
const { exports, script } = loadCli(bundle, { useCache: false });
exports.compileRegexpsOnce();
const silent = { stdout: () => {}, stderr: () => {}, env: {}, cwd: root, isTTY: false, stderrIsTTY: false };
for (const args of warmUpChecks()) {
  const code = await exports.main(args, silent);
  if (code === 2) throw new Error(`warming the code cache: infralint ${args.join(' ')} exited 2`);
}
writeFileSync(cacheFileOf(bundle), script.createCachedData());
