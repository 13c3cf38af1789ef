// Loads the CLI bundle (a CommonJS script) with V8's code cache made when it was built: the bytecode
// of every function a warm-up `check` compiled, so that a cold `check` neither parses the 0.86 MB
// bundle again nor compiles those functions lazily (about 35 ms of CPU on a 2-core machine, a sixth
// of a check). Without the cache, or with one V8 rejects (another Node version, another bundle), the
// bundle is compiled as usual: same program, same results. Builtins only (process.getBuiltinModule):
// nothing here may load more than it needs.
const { existsSync, readFileSync } = process.getBuiltinModule('node:fs');
const Module = process.getBuiltinModule('node:module');
const path = process.getBuiltinModule('node:path');
const vm = process.getBuiltinModule('node:vm');

/**
 * The code cache beside a bundle for this V8 (`infralint.cjs` -> `infralint.v8-12.4.254.21-node.33.cache`):
 * V8 accepts only a cache it made itself, so each Node version has its own file, and a build may
 * leave one for each Node it was warmed with (scripts/warm-code-cache.mjs).
 */
export function cacheFileOf(bundle) {
  return bundle.replace(/\.cjs$/, `.v8-${process.versions.v8}.cache`);
}

/**
 * Runs the bundle and returns its exports and its compiled script (whose createCachedData() the
 * build writes). V8's setting of src/regexp-compilation.ts is made first: a code cache is only
 * accepted under the flags it was made with, and the build makes it under this one.
 */
export function loadCli(bundle, { useCache = true } = {}) {
  process.getBuiltinModule('node:v8').setFlagsFromString('--no-regexp-tier-up');
  const cacheFile = cacheFileOf(bundle);
  const cachedData = useCache && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  // CommonJS's wrapper, and the import of the packages the bundle loads only when a run needs them
  // (architecture-beta's parser, the grading pool): a script run by vm cannot import() itself.
  const source = `(function (exports, require, module, __filename, __dirname, __infralintImport) {${readFileSync(bundle, 'utf8')}\n})`;
  const script = new vm.Script(source, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle), (specifier) => import(specifier));
  return { exports: module.exports, script, cacheRejected: Boolean(cachedData) && script.cachedDataRejected === true };
}
