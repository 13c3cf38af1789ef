// Bundles the CLI into one script (dist/infralint.cjs): loading one file instead of ~50 saves
// most of a cold run's start-up. What only the bulk commands run is a second script beside it
// (dist/infralint-bulk.cjs, loaded when one runs: see BULK_MODULES in bundle-options.mjs). With --action, also rebuilds the committed GitHub Action bundle.
// The parse tables are copied beside each bundle, where it looks for them.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTION_BUILD, WORKER_BUILD, bundle, bundleCli, parserBuild } from './bundle-options.mjs';
import { buildSnapshot } from '../bin/build-snapshot.js';

function copyTables(dir) {
  copyFileSync('dist/diagrams/flowchart/flowchart-tables.json', path.join(dir, 'flowchart-tables.json'));
  copyFileSync('dist/diagrams/sequence/sequence-tables.json', path.join(dir, 'sequence-tables.json'));
}

await bundleCli(build);
await bundle(build, WORKER_BUILD);
await bundle(build, parserBuild(fileURLToPath(import.meta.resolve('@mermaid-js/parser'))));
copyTables('dist');
// In its own process: the cache holds what a cold check compiles, nothing of this script. The
// caches and startup snapshots of the previous bundle are useless (V8 would reject a cache, and a
// snapshot holds the old bundle): removed first.
for (const f of readdirSync('dist').filter((n) => /^infralint\..*\.(cache|blob|root)$|^infralint\.snapshots$/.test(n))) rmSync(path.join('dist', f));
execFileSync(process.execPath, ['scripts/warm-code-cache.mjs'], { stdio: 'inherit' });
buildSnapshot(path.resolve('dist/infralint.cjs'));
console.log('bundled dist/infralint.cjs (with its code cache and startup snapshot for this Node), dist/infralint-bulk.cjs, dist/grade-worker.mjs and dist/mermaid-parser.cjs');
if (process.argv.includes('--action')) {
  await bundle(build, ACTION_BUILD);
  copyTables('action/dist');
  console.log('bundled action/dist/index.mjs');
}
