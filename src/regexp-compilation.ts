import { setFlagsFromString } from 'node:v8';

/**
 * Has V8 compile each regular expression once, to machine code, instead of first to bytecode for an
 * interpreter and again to machine code on its second use (V8's default "tier-up").
 *
 * The prose reader and the rules use some hundreds of large regular expressions (the lexicon's
 * concept lists): in a cold `check` the interpreter's bytecode and its peephole pass cost about
 * 100 ms of CPU, more than grading itself, and almost every expression runs more than once, so the
 * machine code is built anyway. Compiled either way the expressions match the same strings: this
 * changes only when and how they are compiled. Flags are process-wide, so the grading workers share
 * it; a library caller's process is left as it is (only the CLI and the Action call this).
 */
export function compileRegexpsOnce(): void {
  setFlagsFromString('--no-regexp-tier-up');
}
