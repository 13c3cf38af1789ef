// A copy of a fixture the startup snapshot has not read. The snapshot is warmed by checking bundled
// fixtures (bin/build-snapshot.js: warmUpChecks, widerWarmUpChecks), and its prose caches keep their
// readings (with the words and headings every submission shares, which is why they are kept): a
// bench that checks those fixtures themselves measures less than a student's check costs. So each
// prose line of the copy is changed ("the" made "our", or a word added); lines in code fences,
// headings and table rows are left as they are.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
let unseen = null;

/** The path of the changed copy of fixtures/<name>, made once per process and removed when it exits. */
export function unseenCopy(name) {
  if (!unseen) {
    unseen = mkdtempSync(path.join(tmpdir(), 'infralint-bench-unseen-'));
    process.on('exit', () => rmSync(unseen, { recursive: true, force: true }));
  }
  const copy = path.join(unseen, name);
  if (existsSync(copy)) return copy;
  cpSync(path.join(fixtures, name), copy, { recursive: true });
  for (const entry of readdirSync(copy, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === 'expected.json') continue;
    const file = path.join(entry.parentPath, entry.name);
    let fenced = false;
    const lines = readFileSync(file, 'utf8').split('\n').map((line) => {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      if (fenced || /^\s*(#|\||```|~~~)/.test(line) || !/[a-z]{3}/i.test(line)) return line;
      return / the /.test(line) ? line.replace(' the ', ' our ') : `${line.trimEnd()} too`;
    });
    writeFileSync(file, lines.join('\n'));
  }
  return copy;
}
