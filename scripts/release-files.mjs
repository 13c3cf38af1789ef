// The files of dist/ a release ships in lib/ (and an install runs from): the bundles, the code
// caches the build warmed (one per Node version), and the parse tables. Startup snapshots are not:
// each is made on the user's machine, by its Node (`postinstall`). One list for the release script
// and the tests that build an install as a release leaves it.
import { readdirSync } from 'node:fs';

const SHIPPED = /^(infralint\.cjs|infralint-bulk\.cjs|infralint\..*\.cache|grade-worker\.mjs|mermaid-parser\.cjs|.*-tables\.json)$/;

/** The names of the files of `distDir` a release ships. */
export function releaseFiles(distDir) {
  return readdirSync(distDir).filter((name) => SHIPPED.test(name)).sort();
}
