// esbuild options of infralint's bundles, shared by the build script and the staleness test.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const banner = { js: "import { createRequire as __infralintCreateRequire } from 'node:module'; const require = __infralintCreateRequire(import.meta.url);" };

/**
 * Left out of the CLI bundle and imported from node_modules only when a run needs them, so that
 * `check` does not pay for them (nor does its startup snapshot hold them): @mermaid-js/parser
 * (architecture-beta only), ajv (a configuration file or a rubric file to validate), and what bulk
 * grading alone uses (worker pool, progress bar, Graphviz with its WebAssembly).
 */
export const LAZY = ['@mermaid-js/parser', 'ajv', 'piscina', 'cli-progress', '@hpcc-js/wasm-graphviz'];

/**
 * Packages the CLI calls synchronously, and only for some inputs: the CLI bundle holds a stand-in
 * that requires the package from node_modules on first use (see requiredOnFirstUse). js-yaml reads
 * the `@{ ... }` block of a Mermaid node or participant, which few submissions write.
 */
export const REQUIRED_ON_FIRST_USE = ['js-yaml'];

/**
 * The modules src/cli/main.ts imports only for the bulk commands (grade, merge, collect, review):
 * they, and whatever only they import, make a second script (dist/infralint-bulk.cjs, BULK_BUILD)
 * that the CLI loads from disk when such a command runs. A `check` never runs them: left out of the
 * CLI bundle, they are neither parsed at its start nor held in its startup snapshot's heap (which
 * Node reads back at every start). The modules both scripts use are the CLI bundle's: the bulk script
 * takes them from it (one copy of each in a process: one UsageError class, one rubric cache).
 */
export const BULK_MODULES = ['src/cli/grade-command.ts', 'src/cli/collect-command.ts', 'src/cli/review-command.ts', 'src/grade/cohort-plan.ts', 'src/grade/survey-pool.ts'];

/**
 * Each of REQUIRED_ON_FIRST_USE, in the CLI bundle, is a stand-in with the package's exports as
 * getters, which require the package from node_modules when first read (a package's stand-in lists
 * the exports the installed package has when the bundle is built).
 */
const requiredOnFirstUse = {
  name: 'required-on-first-use',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (REQUIRED_ON_FIRST_USE.includes(args.path) ? { path: args.path, namespace: 'required-on-first-use' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'required-on-first-use' }, async (args) => {
      const { createRequire } = await import('node:module');
      const names = Object.keys(createRequire(path.resolve('package.json'))(args.path));
      const getters = names.map((name) => `${JSON.stringify(name)}: { get: () => loaded()[${JSON.stringify(name)}], enumerable: true }`);
      return {
        contents: `let pkg;
const loaded = () => (pkg ??= process.getBuiltinModule('node:module').createRequire(__filename)(${JSON.stringify(args.path)}));
module.exports = Object.defineProperties({}, { ${getters.join(', ')} });`,
        loader: 'js',
      };
    });
  },
};

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
  define: { 'import.meta.url': '__infralintUrl' }, plugins: [requiredOnFirstUse],
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

/**
 * The bulk commands' script (see BULK_MODULES): what only they import, bundled as the CLI bundle is
 * (one CommonJS script, lazy packages through the loader's import). Its entry, made by bundleCli,
 * exports a function that sets up each of BULK_MODULES, by name; a module the CLI bundle holds too
 * is taken from it.
 */
export const BULK_BUILD = { ...CLI_BUILD, entryPoints: undefined, outfile: 'dist/infralint-bulk.cjs' };

/** A module's name in both scripts: its path in the project. */
function moduleName(file) {
  return path.relative(process.cwd(), file).split(path.sep).join('/');
}

/**
 * Builds the CLI bundle and the bulk commands' script beside it. First the CLI without BULK_MODULES
 * (which modules it holds); then the bulk script (each module of it the CLI holds becomes a call of
 * `__infralintShared`) and the CLI again, with the stand-ins of BULK_MODULES, which load the bulk
 * script on first use and give it the shared modules. Sharing a module keeps every export of it in
 * the CLI, which may bring more of the project into the CLI: those two are built again, against what
 * the CLI now holds, until it holds nothing more (the set only grows), so that no module of the
 * project is in both scripts (one copy of each in a process). Both are written only then, together.
 */
export async function bundleCli(build) {
  const bulkFiles = new Set(BULK_MODULES.map((m) => path.resolve(m)));
  let inCli = projectInputsOf(await build({ ...CLI_BUILD, write: false, metafile: true, plugins: [...CLI_BUILD.plugins, standInsOfBulkModules(bulkFiles, null)] }));
  // Each module is set up when first asked for, as its import() was in a single bundle (a `grade` does
  // not set up `review`'s server nor `collect`'s git runs): esbuild defers a require(), not an import.
  const entry = `export const modules = { ${BULK_MODULES.map((m) => `${JSON.stringify(m)}: () => require(${JSON.stringify(path.resolve(m))})`).join(', ')} };\n`;
  for (;;) {
    const shared = new Map();
    const bulk = await build({ ...BULK_BUILD, write: false, metafile: true, stdin: { contents: entry, resolveDir: process.cwd(), sourcefile: 'bulk-entry.js', loader: 'js' }, plugins: [...BULK_BUILD.plugins, sharedFromCli(inCli, shared)] });
    const cli = await build({ ...CLI_BUILD, write: false, metafile: true, plugins: [...CLI_BUILD.plugins, standInsOfBulkModules(bulkFiles, new Map([...shared].sort()))] });
    const cliNow = projectInputsOf(cli);
    if ([...cliNow].some((file) => !inCli.has(file))) {
      inCli = new Set([...inCli, ...cliNow]);
      continue;
    }
    const twice = [...projectInputsOf(bulk)].filter((file) => cliNow.has(file));
    if (twice.length) throw new Error(`modules in both the CLI bundle and the bulk script: ${twice.join(', ')}`);
    const { writeFileSync } = await import('node:fs');
    for (const file of [...bulk.outputFiles, ...cli.outputFiles]) writeFileSync(file.path, lazyImportsThroughLoader(asciiOnly(file.text)));
    return;
  }
}

/** The project's modules (not packages') of which some code is in a build's output (one whose code all went, tree-shaken or types only, is not). */
function projectInputsOf(result) {
  const [output] = Object.values(result.metafile.outputs);
  return new Set(Object.entries(output.inputs)
    .filter(([file, input]) => input.bytesInOutput > 0 && !file.includes(':') && !file.split('/').includes('node_modules'))
    .map(([file]) => path.resolve(file)));
}

/**
 * In the CLI bundle, each of BULK_MODULES is a stand-in whose exports are the bulk script's module's.
 * The bulk script is run on first use, with `__infralintShared` giving it the CLI's modules it uses
 * (`shared`: name -> file; null for the first run, whose stand-ins are empty).
 */
function standInsOfBulkModules(bulkFiles, shared) {
  return {
    name: 'stand-ins-of-bulk-modules',
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        const file = path.resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
        if (!bulkFiles.has(file)) return undefined;
        // A static import would run the stand-in, and load the bulk script, at every start.
        if (args.kind !== 'dynamic-import') throw new Error(`${args.importer} imports ${args.path} statically: the CLI may only import() a bulk module (BULK_MODULES)`);
        return { path: moduleName(file), namespace: 'bulk-module' };
      });
      build.onLoad({ filter: /.*/, namespace: 'bulk-module' }, (args) => ({
        contents: shared ? `module.exports = require('bulk-script').bulkModule(${JSON.stringify(args.path)});` : '',
        loader: 'js',
      }));
      build.onResolve({ filter: /^bulk-script$/ }, () => ({ path: 'bulk-script', namespace: 'bulk-script' }));
      build.onLoad({ filter: /.*/, namespace: 'bulk-script' }, () => ({ contents: bulkScriptLoader(shared), loader: 'js', resolveDir: process.cwd() }));
    },
  };
}

/**
 * The CLI bundle's loader of the bulk script, run once: the script is read beside the bundle and run
 * in CommonJS's wrapper, as bin/load-cli.js runs the bundle, with the loader's import of the lazy
 * packages and the shared modules (each an import of the module's namespace here, so that the CLI
 * bundle keeps every export of it).
 */
function bulkScriptLoader(shared) {
  const names = [...shared.keys()];
  return `${[...shared.values()].map((file, k) => `import * as s${k} from ${JSON.stringify(file)};`).join('\n')}
const shared = { ${names.map((name, k) => `${JSON.stringify(name)}: s${k}`).join(', ')} };
let modules;
export function bulkModule(name) {
  if (!modules) {
    const { readFileSync } = process.getBuiltinModule('node:fs');
    const file = process.getBuiltinModule('node:path').join(__dirname, ${JSON.stringify(path.basename(BULK_BUILD.outfile))});
    const source = \`(function (exports, require, module, __filename, __dirname, __infralintImport, __infralintShared) {\${readFileSync(file, 'utf8')}\\n})\`;
    const script = { exports: {} };
    const run = new (process.getBuiltinModule('node:vm').Script)(source, { filename: file }).runInThisContext();
    // A module this bundle does not share: the bulk script was built with another bundle.
    const sharedModule = (name) => {
      if (!Object.hasOwn(shared, name)) throw new Error(\`\${file} was built with another \${__filename}: build infralint again (it asks for \${name})\`);
      return shared[name];
    };
    run(script.exports, process.getBuiltinModule('node:module').createRequire(file), script, file, __dirname, __infralintImport, sharedModule);
    modules = script.exports.modules;
  }
  return modules[name]();
}
`;
}

/**
 * In the bulk script, a module of the project the CLI bundle holds (`inCli`, real paths) is taken
 * from it: its import is a call of `__infralintShared` (recorded in `shared`: name -> file). The CLI's
 * copy is the one its own code uses: its classes (instanceof UsageError), its caches, its state. A
 * package's module the bulk script uses is its own copy (csv-stringify's, which holds no state).
 */
function sharedFromCli(inCli, shared) {
  return {
    name: 'shared-from-cli',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.ownResolution || args.kind === 'entry-point' || args.path.startsWith('node:')) return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { ownResolution: true } });
        if (resolved.errors.length || resolved.external || !inCli.has(resolved.path) || resolved.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        // esbuild gives a CommonJS module's whole exports as the default import, not its `default`.
        if (/^export default\b/m.test(await readFile(resolved.path, 'utf8'))) throw new Error(`${resolved.path}: a module the bulk script shares with the CLI may not have a default export`);
        const name = moduleName(resolved.path);
        shared.set(name, resolved.path);
        return { path: name, namespace: 'shared-from-cli' };
      });
      build.onLoad({ filter: /.*/, namespace: 'shared-from-cli' }, (args) => ({ contents: `module.exports = __infralintShared(${JSON.stringify(args.path)});`, loader: 'js' }));
    },
  };
}
