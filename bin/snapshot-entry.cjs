// Template of the startup snapshot's entry script: bin/build-snapshot.js fills in the markers (the
// build's settings, runCli of bin/run-cli.js, the CLI bundle) and runs it with `node --build-snapshot`.
// It loads the bundle and runs a few checks, then V8 writes the heap; bin/infralint starts `node
// --snapshot-blob` from it, which calls the function given to setDeserializeMainFunction below.
//
// What the heap may hold: whatever the run does not decide. Everything that depends on the run is
// read after it starts: argv, the environment, the working directory and whether stdout is a
// terminal (src/cli/main.ts's defaultIO; colours come from src/reporters/colour.ts's own Chalk, made
// per report; chalk's default instance, which reads the terminal when loaded, is never used). No
// handle, timer or worker is open when the heap is written (Node refuses one), and no ICU object
// is kept (V8 cannot write one: src/grade/gradebook.ts makes its collator on first use).
'use strict';
const v8 = require('node:v8');
const path = require('node:path');
const build = /*@BUILD@*/;

// Regular expressions: V8 cannot write machine code into a snapshot, and the CLI asks V8 to compile
// each expression straight to machine code (src/regexp-compilation.ts). So the warm-up compiles
// them for V8's interpreter only; the flag that does so implies --no-regexp-tier-up, which stays
// set when it is cleared, so the snapshot is made under --no-regexp-tier-up, and bin/infralint
// starts node with that flag (V8 accepts a snapshot only under the flags it was made with).
v8.setFlagsFromString('--regexp-interpret-all');
// Node 20 (V8 11) keeps that bytecode in the snapshot, and every cold start reads it back: there
// the warm-up compiles without V8's specialised copies of what follows an alternation
// (--no-regexp-optimization), and the lexicon's long alternations, each followed by more words,
// compile to 2-6x less bytecode (4.3 MB became 1.5 MB: bench/regex-size.mjs). The matches are the
// same: the flag changes only how the code is laid out. It is set back before the heap is written,
// so the snapshot's flags are as they were, and the machine code a run tiers up to is optimised as
// usual. Node 22 and 24 (V8 12 and 13) clear every expression's code when they write a snapshot
// (DiscardCompiledCodeForSerialization), and there the flag made the blob 1.2 MB larger (Node 24):
// they are left as they were.
const smallerRegexpBytecode = Number(process.versions.v8.split('.')[0]) < 12;
if (smallerRegexpBytecode) v8.setFlagsFromString('--no-regexp-optimization');

// Every expression made from here to the end of the wider warm-up (see warmUp), loading the parser and
// the bundle included: their top-level vocabularies are made when loaded, and those only tasks 0-2 or
// the native curriculum use were compiled by the wider warm-up and kept their bytecode (0.29 MB on Node 20).
let recording = recordRegExps();

// Mermaid's parser (architecture-beta), bundled as a script by the build: in the heap, warmed by an
// architecture-beta check, instead of imported from node_modules by every such run (the import and
// the parser's set-up are about as much as the rest of a check). Same package, same version.
const mermaidParser = build.withParser ? (() => {
  const module = { exports: {} };
  (function (exports, module, require) {
/*@PARSER@*/
  })(module.exports, module, require);
  return module.exports;
})() : null;

// The other packages the bundle imports only when a run needs them (bulk grading's) cannot be
// imported by the snapshot's own code (Node gives it no import()): a script compiled with the
// main context's loader imports them, made on first use.
let importer;
function importLazily(specifier) {
  if (specifier === '@mermaid-js/parser' && mermaidParser) return Promise.resolve(mermaidParser);
  if (!importer) {
    const vm = process.getBuiltinModule('node:vm');
    // That loader is an experimental feature, which Node says on stderr when it first imports: not
    // the user's business. Only that warning is dropped.
    const emitWarning = process.emitWarning;
    process.emitWarning = (warning, ...rest) => {
      if (!String(warning).includes('USE_MAIN_CONTEXT_DEFAULT_LOADER')) emitWarning.call(process, warning, ...rest);
    };
    importer = new vm.Script('(specifier) => import(specifier)', { filename: build.bundle, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }).runInThisContext();
  }
  return importer(specifier);
}

const cli = { exports: {} };
(function (exports, require, module, __filename, __dirname, __infralintImport) {
/*@BUNDLE@*/
})(cli.exports, require, cli, build.bundle, path.dirname(build.bundle), importLazily);

const runCli = /*@RUN_CLI@*/;

// Whether the heap V8 writes keeps the expressions' bytecode. V8 12 and 13 (Node 22 and 24) discard
// it, and every expression a run uses compiles again: tiering up there means compiling each one twice
// (bytecode, whose peephole pass alone costs more than the machine code, then machine code on its
// second use), so a run keeps the --no-regexp-tier-up it starts with (bin/infralint) and each
// compiles once, to machine code (bench/regex-compile.mjs, a check of a submission the snapshot has
// not seen: compiling and interpreting its expressions took 77 ms with tier-up and 44 without on
// Node 24, 115 and 50 on Node 22). Where the bytecode is kept, tier-up is required: Node 20 (V8 11)
// without it crashes (SIGSEGV) on the first kept expression. So only the V8s measured to discard it
// run without; a later one keeps Node 20's way (slower if it discards too, never a crash) until measured.
const keepsRegexpBytecode = ![12, 13].includes(Number(process.versions.v8.split('.')[0]));

// The wider warm-up (build.widerWarmUp: a project folder of every classic task, the Mermaid-native
// curriculum) compiles the functions a student's own submission runs and the four checks above do
// not (tasks 0-2's rubrics and readers, the native curriculum's): without it a cold check of a whole
// project folder compiled them at every start. It runs first: with the four checks last, as they were,
// a check of task 3 alone costs what it did (run after them, it made that check 7-8 ms slower on
// Node 24, in the check itself). What it must not leave in the heap is the bytecode of the expressions
// it makes: where V8 keeps that bytecode (Node 20), tasks 0-2's expressions (their questions' terms,
// long alternations made when first read) held 3.2 MB more, the blob 12.4 -> 16.6 MB, which every
// start reads back, a check of task 3 alone too (about 4.5 ms a MB). So every expression made during
// it or when the bundle loaded (found by the RegExp constructor, put back after) is made anew (RegExp.prototype.compile: the
// same object, its data uncompiled) before the four checks, which compile those they use as they
// did before; and the ones still uncompiled after them are made anew once more, under the flags that
// make their first use compile them straight to machine code: compiled to bytecode first and to
// machine code again on their second use, as a new expression is under tier-up, tasks 0-2's long
// alternations cost a cold check of a project folder about three times as much. (The inspector, which
// could list every expression of the heap, cannot be loaded: a snapshot that loaded it starts worker
// threads that fail.)
async function warmUp() {
  const silent = { stdout: () => {}, stderr: () => {}, env: {}, cwd: path.dirname(build.bundle), isTTY: false, stderrIsTTY: false };
  const check = async (args) => {
    const code = await cli.exports.main(args, silent);
    if (code === 2) throw new Error(`warming the snapshot: infralint ${args.join(' ')} exited 2`);
  };
  let made;
  try {
    for (const args of build.widerWarmUp) await check(args);
  } finally {
    made = recording.stop();
    // Not kept in the heap written (one-off expressions made per heading or per check among them).
    recording = null;
  }
  if (keepsRegexpBytecode) remake(made);
  for (const args of build.warmUp) await check(args);
  if (keepsRegexpBytecode) {
    const compiled = hasBytecode();
    remake(made.filter((regexp) => !compiled(regexp)), { machineCodeFirst: true });
  }
  v8.setFlagsFromString('--no-regexp-interpret-all');
  if (smallerRegexpBytecode) v8.setFlagsFromString('--regexp-optimization');
}

/** Whether an expression holds bytecode (V8's own test, through natives syntax, on for this only). */
function hasBytecode() {
  v8.setFlagsFromString('--allow-natives-syntax');
  try {
    return new Function('regexp', 'return %RegexpHasBytecode(regexp, true) || %RegexpHasBytecode(regexp, false)');
  } finally {
    v8.setFlagsFromString('--no-allow-natives-syntax');
  }
}

/**
 * Records the expressions made with `new RegExp` or `RegExp()` (in `made`) until stop(), which returns them: the
 * global RegExp is a proxy meanwhile, which makes each with the real constructor (so it has the same
 * map and prototype as any other, and V8's fast paths take it), and is put back by stop().
 */
function recordRegExps() {
  const made = [];
  const { RegExp } = globalThis;
  globalThis.RegExp = new Proxy(RegExp, {
    construct: (target, args) => {
      const regexp = Reflect.construct(target, args);
      made.push(regexp);
      return regexp;
    },
    apply: (target, self, args) => {
      const regexp = Reflect.apply(target, self, args);
      made.push(regexp);
      return regexp;
    },
  });
  return {
    made,
    stop() {
      globalThis.RegExp = RegExp;
      return made;
    },
  };
}

/**
 * Full collections, which empty V8's compilation cache of expressions (compile() finds an
 * expression's compiled data there by its source and flags; each full collection ages it). Made by
 * writing a heap snapshot, which collects all it can first: gc() is not there (--expose-gc, set at
 * run time, gives it to no context), and the inspector cannot be loaded (see above).
 */
function collectGarbage() {
  const fs = require('node:fs');
  const scratch = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'infralint-warm-up-'));
  try {
    v8.writeHeapSnapshot(path.join(scratch, 'heap.heapsnapshot'));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Makes each expression anew, uncompiled (lastIndex kept: compile() sets it to 0): under the build's
 * flags, as if it had never run; with machineCodeFirst, under tier-up with no interpreted runs left
 * (V8 gives an expression the tick count of the flags it is made under), so that its first use
 * compiles it to machine code.
 */
function remake(regexps, { machineCodeFirst = false } = {}) {
  collectGarbage();
  if (machineCodeFirst) {
    v8.setFlagsFromString('--no-regexp-interpret-all');
    v8.setFlagsFromString('--regexp-tier-up');
    v8.setFlagsFromString('--regexp-tier-up-ticks=0');
  }
  try {
    for (const regexp of new Set(regexps)) {
      const { lastIndex } = regexp;
      regexp.compile(regexp.source, regexp.flags);
      regexp.lastIndex = lastIndex;
    }
  } finally {
    // As they were (the snapshot is accepted only under the flags it was made with).
    if (machineCodeFirst) {
      v8.setFlagsFromString('--regexp-tier-up-ticks=1');
      v8.setFlagsFromString('--no-regexp-tier-up');
      v8.setFlagsFromString('--regexp-interpret-all');
    }
  }
}

warmUp().catch((error) => {
  // No stack is captured while a snapshot is built: the message alone then says what failed.
  process.stderr.write(`${error?.stack ?? String(error)}\n`);
  process.exit(1);
});

v8.startupSnapshot.setDeserializeMainFunction(() => {
  // The launcher's sign that the CLI started (bin/infralint): from here on a crash is the CLI's, and
  // the launcher must not run it again. Taken out of the environment, which the CLI's children inherit.
  const launchMarker = process.env.INFRALINT_LAUNCH_MARKER;
  if (launchMarker) {
    delete process.env.INFRALINT_LAUNCH_MARKER;
    try {
      require('node:fs').unlinkSync(launchMarker);
    } catch {
      // gone already (a temporary-folder cleaner): the launcher then takes the CLI as started
    }
  }
  // The malloc tunables the launcher set for this start only (bin/infralint): not for the commands the
  // CLI runs (git, for `collect`), which get the user's environment.
  if (process.env.INFRALINT_LAUNCH_TUNABLES) {
    delete process.env.INFRALINT_LAUNCH_TUNABLES;
    delete process.env.GLIBC_TUNABLES;
  }
  // Where the expressions the warm-up compiled hold the interpreter's code, V8 must be free to
  // compile them to machine code when they run again (without tier-up it would run that code as
  // machine code). Matching is the same either way.
  if (keepsRegexpBytecode) v8.setFlagsFromString('--regexp-tier-up');
  return runCli(cli.exports, process.argv.slice(1));
});
