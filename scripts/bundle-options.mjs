// esbuild options of infralint's two bundles, shared by the build script and the staleness test.
const banner = { js: "import { createRequire as __infralintCreateRequire } from 'node:module'; const require = __infralintCreateRequire(import.meta.url);" };

/** The CLI: one file, @mermaid-js/parser left external (imported only for architecture-beta). */
export const CLI_BUILD = {
  entryPoints: ['src/cli/main.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20',
  outfile: 'dist/infralint.mjs', external: ['@mermaid-js/parser'], banner, logLevel: 'warning',
};

/** The GitHub Action: one committed file with every dependency inside (no npm install on the runner). */
export const ACTION_BUILD = {
  entryPoints: ['src/action/main.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20',
  outfile: 'action/dist/index.mjs', banner, legalComments: 'none', logLevel: 'warning',
};
