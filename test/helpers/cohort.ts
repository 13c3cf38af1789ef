import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES } from './paths.js';

/** Writes `files` (paths relative to `folder`, folders made as needed) into `folder`. */
function writeFiles(folder: string, files: Record<string, string | Buffer>): void {
  mkdirSync(folder, { recursive: true });
  for (const [file, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), data);
  }
}

/** A new temporary repository holding `files` (`web_infrastructure_design/3-scale_up.md`: its text). */
export function tempRepo(files: Record<string, string | Buffer>, prefix = 'infralint-repo-'): string {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  writeFiles(root, files);
  return root;
}

/** A folder of student folders: each value is a fixture name to copy or the files to write. */
export function makeCohort(students: Record<string, string | Record<string, string | Buffer>>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'infralint-cohort-'));
  for (const [student, content] of Object.entries(students)) {
    const folder = path.join(dir, student);
    if (typeof content === 'string') cpSync(path.join(FIXTURES, content), folder, { recursive: true });
    else writeFiles(folder, content);
  }
  return dir;
}

/** A task file with its own words: `words` makes each student's prose different from the others'. */
export function ownSubmission(words: string, diagram = ''): Record<string, string> {
  return {
    'web_infrastructure_design/3-scale_up.md': `# Scale up\n\n${diagram}\n## Why\n\n${words}\n`,
  };
}
