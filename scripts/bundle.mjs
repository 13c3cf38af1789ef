// Bundles the CLI into one ES module (dist/infralint.mjs): loading one file instead of ~50 saves
// most of a cold run's start-up. @mermaid-js/parser stays external: it is imported only for
// architecture-beta diagrams. The parse tables are copied beside the bundle, where it looks for them.
import { build } from 'esbuild';
import { copyFileSync } from 'node:fs';

await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'dist/infralint.mjs',
  external: ['@mermaid-js/parser'],
  banner: { js: "import { createRequire as __infralintCreateRequire } from 'node:module'; const require = __infralintCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
copyFileSync('dist/diagrams/flowchart/flowchart-tables.json', 'dist/flowchart-tables.json');
copyFileSync('dist/diagrams/sequence/sequence-tables.json', 'dist/sequence-tables.json');
console.log('bundled dist/infralint.mjs');
