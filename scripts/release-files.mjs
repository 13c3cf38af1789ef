// The files of dist/ a release ships in lib/ (and an install runs from): the bundles, the code
// caches the build warmed (one per Node version), and the parse tables. Startup snapshots are not:
// each is made on the user's machine, by its Node (`postinstall`). One list for the release script
// and the tests that build an install as a release leaves it.
import { readdirSync } from 'node:fs';

const REQUIRED = ['infralint.cjs', 'infralint-bulk.cjs', 'grade-worker.mjs', 'mermaid-parser.cjs', 'flowchart-tables.json', 'sequence-tables.json'];
const CODE_CACHE = /^infralint\..*\.cache$/;

/** The names of the files of `distDir` a release ships; throws when the build left one of the required out. */
export function releaseFiles(distDir) {
  const names = readdirSync(distDir);
  const missing = REQUIRED.filter((name) => !names.includes(name));
  if (missing.length) throw new Error(`${distDir} lacks ${missing.join(', ')}: build first (npm run build)`);
  return [...REQUIRED, ...names.filter((name) => CODE_CACHE.test(name)).sort()];
}
