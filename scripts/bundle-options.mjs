// esbuild options of infralint's two bundles, shared by the build script and the staleness test.
const banner = { js: "import { createRequire as __infralintCreateRequire } from 'node:module'; const require = __infralintCreateRequire(import.meta.url);" };

/**
 * Left out of the CLI bundle and imported from node_modules only when a run needs them, so that
 * `check` does not pay for them: @mermaid-js/parser (architecture-beta only), and what bulk grading
 * alone uses (worker pool, progress bar, Graphviz with its WebAssembly).
 */
export const LAZY = ['@mermaid-js/parser', 'piscina', 'cli-progress', '@hpcc-js/wasm-graphviz'];

/**
 * The CLI: one CommonJS script, run by bin/load-cli.js with the V8 code cache the build makes
 * (scripts/warm-code-cache.mjs); `import.meta.url` is the script's own URL. A script run that way
 * cannot itself import() (Node would ask for --experimental-vm-modules), so its imports of the lazy
 * packages go through the loader's own import (see lazyImportsThroughLoader).
 */
// The CLI and the parser script are written without their whitespace: the startup snapshot holds
// every script's source, and Node reads the whole heap back at each start (0.8 MB less of it, about
// 4% of a cold check on Node 20). Names are kept, so stack traces still say which function; their
// line numbers are the bundle's.
export const CLI_BUILD = {
  entryPoints: ['src/cli/main.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'node20',
  outfile: 'dist/infralint.cjs', external: LAZY, logLevel: 'warning', minifyWhitespace: true,
  banner: { js: "const __infralintUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__infralintUrl' },
};

/**
 * Mermaid's parser (architecture-beta) as one CommonJS script, for the startup snapshot only
 * (bin/build-snapshot.js loads it into the snapshot's heap, where an ES module cannot go); the CLI
 * without a snapshot imports the package itself. `entry` is the package's own entry file. Minified
 * whole (0.97 -> 0.66 MB of source in every snapshot, 0.3 MB less heap to read back at each start):
 * it is another project's code, whose function names no infralint stack trace needs, and it names its
 * grammar's rules and tokens by strings, so its errors read the same (the launcher test compares an
 * architecture-beta check from the snapshot with one that imports the package).
 */
export const parserBuild = (entry) => ({
  entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20',
  outfile: 'dist/mermaid-parser.cjs', legalComments: 'none', logLevel: 'warning', minifyWhitespace: true, minifyIdentifiers: true, minifySyntax: true,
  plugins: [chevrotainWithoutCharCodeTable],
});

/**
 * Chevrotain (the lexer under Mermaid's parser, which the parser package bundles into one of its
 * chunks) fills a 65,536-entry array of small numbers when its first lexer is made: `i > 255 ? 255 +
 * ~~(i / 255) : i` for every char code i. In the snapshot's heap that array is 0.52 MB (V8 keeps 8
 * bytes a number there), which Node reads back at every start, for every check, although only an
 * architecture-beta diagram's characters above 255 are ever looked up in it. The parser script
 * computes the same entry instead (undefined past the array's end, as the array gives), and never
 * builds the array. The patterns hold the array's formula: a Chevrotain that fills it otherwise, or
 * not once, fails the build rather than be patched wrong or left unpatched unnoticed.
 */
const CHAR_CODE_TABLE = {
  lookup: /charCodeToOptimizedIdxMap\[charCode\];/g,
  computed: '(charCode < 65536 ? 255 + ~~(charCode / 255) : undefined);',
  fill: /charCodeToOptimizedIdxMap = new Array\(65536\);\s*for \(let i = 0; i < 65536; i\+\+\) \{\s*charCodeToOptimizedIdxMap\[i\] = i > 255 \? 255 \+ ~~\(i \/ 255\) : i;\s*\}/g,
};

/** A script with Chevrotain's char-code array replaced by its formula (see CHAR_CODE_TABLE); throws if it is not there exactly once. */
export function withoutCharCodeTable(source) {
  const { lookup, computed, fill } = CHAR_CODE_TABLE;
  if (source.match(lookup)?.length !== 1 || source.match(fill)?.length !== 1) throw new Error("Chevrotain's char-code array is not the one bundle-options.mjs replaces: update CHAR_CODE_TABLE");
  return source.replace(lookup, computed).replace(fill, '');
}

const chevrotainWithoutCharCodeTable = {
  name: 'chevrotain-without-char-code-table',
  setup(build) {
    let patched = 0;
    build.onStart(() => {
      patched = 0;
    });
    build.onLoad({ filter: /[\\/]@mermaid-js[\\/]parser[\\/]dist[\\/].*\.mjs$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('charCodeToOptimizedIdxMap')) return undefined;
      patched++;
      return { contents: withoutCharCodeTable(source), loader: 'js', resolveDir: (await import('node:path')).dirname(args.path) };
    });
    build.onEnd((result) => {
      if (patched !== 1 && !result.errors.length) throw new Error(`Chevrotain's char-code array was found in ${patched} scripts of the parser, not 1: update CHAR_CODE_TABLE`);
    });
  },
};

/** The worker threads of `infralint grade`: one file each loads fast. */
export const WORKER_BUILD = {
  entryPoints: ['src/grade/worker.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20',
  outfile: 'dist/grade-worker.mjs', external: LAZY, banner, logLevel: 'warning',
};

/**
 * The GitHub Action: one committed file with every dependency inside (no npm install on the runner).
 * Symlinks kept as they are: the bundle names each module by its path, and a checkout whose
 * node_modules is a link to another (a git worktree) would otherwise name them by the link's target
 * and make a different file of the same code (test/e2e/action.test.ts compares it byte for byte).
 */
export const ACTION_BUILD = {
  entryPoints: ['src/action/main.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20',
  outfile: 'action/dist/index.mjs', banner, legalComments: 'none', logLevel: 'warning', preserveSymlinks: true,
};

/**
 * Escapes every character outside ASCII as \uXXXX: esbuild leaves some raw (in regular expression
 * literals and comments), and one such character makes V8 hold the whole bundle's source as a
 * two-byte string (twice the memory, a slower scan on every start). In a string, a regular
 * expression (with or without the u flag: an escaped surrogate pair is one code point there), an
 * identifier or a comment, the escape means what the character meant; a character escaped by a
 * backslash (`\→` in a regular expression) is replaced with its backslash.
 */
export function asciiOnly(text) {
  return text.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, c) => {
    const escape = `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    return slashes.length % 2 ? slashes.slice(1) + escape : slashes + escape;
  });
}

/**
 * The CLI script's `import("<lazy package>")` calls made calls of the loader's import function
 * (`__infralintImport`, a parameter of the wrapper bin/load-cli.js runs the script in); any other
 * import() left in the script fails the build, since it could not run.
 */
export function lazyImportsThroughLoader(text) {
  let out = text;
  for (const specifier of LAZY) out = out.split(`import(${JSON.stringify(specifier)})`).join(`__infralintImport(${JSON.stringify(specifier)})`);
  const left = /\bimport\s*\(\s*[^)]{0,80}/.exec(out);
  if (left) throw new Error(`the CLI bundle imports something that is not a lazy package (${left[0]}): add it to LAZY or import it statically`);
  return out;
}

/** Builds with esbuild's options and writes the output ASCII-only (see asciiOnly); `transform` then applies. */
export async function bundle(build, options, transform = (text) => text) {
  const { writeFileSync } = await import('node:fs');
  const result = await build({ ...options, write: false });
  for (const file of result.outputFiles) writeFileSync(file.path, transform(asciiOnly(file.text)));
}
