// esbuild options of infralint's two bundles, shared by the build script and the staleness test.
const banner = { js: "import { createRequire as __infralintCreateRequire } from 'node:module'; const require = __infralintCreateRequire(import.meta.url);" };

/**
 * Left out of the CLI bundle and imported from node_modules only when a run needs them, so that
 * `check` does not pay for them: @mermaid-js/parser (architecture-beta only), and what bulk grading
 * alone uses (worker pool, progress bar, Graphviz with its WebAssembly).
 */
const LAZY = ['@mermaid-js/parser', 'piscina', 'cli-progress', '@hpcc-js/wasm-graphviz'];

/** The CLI: one file. */
export const CLI_BUILD = {
  entryPoints: ['src/cli/main.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20',
  outfile: 'dist/infralint.mjs', external: LAZY, banner, logLevel: 'warning',
};

/** The worker threads of `infralint grade`: one file each loads fast. */
export const WORKER_BUILD = {
  entryPoints: ['src/grade/worker.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20',
  outfile: 'dist/grade-worker.mjs', external: LAZY, banner, logLevel: 'warning',
};

/** The GitHub Action: one committed file with every dependency inside (no npm install on the runner). */
export const ACTION_BUILD = {
  entryPoints: ['src/action/main.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20',
  outfile: 'action/dist/index.mjs', banner, legalComments: 'none', logLevel: 'warning',
};
