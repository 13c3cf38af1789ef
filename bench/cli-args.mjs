// The benches' command lines, read one way: Node's parseArgs, strict. --help (-h) prints the script's
// own header comment, where each bench says what it measures and how to run it; an option it does not
// know, or one missing its value, is a one-line message and exit 2, not a stack trace, and not a flag
// silently ignored while the bench runs for minutes without it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * `process.argv`'s options for the bench at `scriptUrl` (its import.meta.url): parseArgs's
 * { values, positionals }, with `options` as parseArgs takes them; positionals only if allowed.
 */
export function benchArgs(scriptUrl, options = {}, { positionals = false } = {}) {
  const script = fileURLToPath(scriptUrl);
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: positionals, strict: true });
  } catch (error) {
    process.stderr.write(`bench/${path.basename(script)}: ${error.message.split(/\.\s/)[0]} (--help says how to run it)\n`);
    process.exit(2);
  }
  if (parsed.values.help) {
    process.stdout.write(headerComment(script));
    process.exit(0);
  }
  return parsed;
}

/** The comment lines a script opens with, their `//` taken off. */
function headerComment(script) {
  const lines = [];
  for (const line of readFileSync(script, 'utf8').split('\n')) {
    if (!line.startsWith('//')) break;
    lines.push(line.replace(/^\/\/ ?/, ''));
  }
  return `${lines.join('\n')}\n`;
}
