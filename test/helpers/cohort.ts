import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES } from './paths.js';

/** A folder of student folders: each value is a fixture name to copy or the files to write. */
export function makeCohort(students: Record<string, string | Record<string, string | Buffer>>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'infralint-cohort-'));
  for (const [student, content] of Object.entries(students)) {
    const folder = path.join(dir, student);
    if (typeof content === 'string') {
      cpSync(path.join(FIXTURES, content), folder, { recursive: true });
      continue;
    }
    mkdirSync(folder, { recursive: true });
    for (const [file, data] of Object.entries(content)) {
      mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
      writeFileSync(path.join(folder, file), data);
    }
  }
  return dir;
}

/** A task file with its own words: `words` makes each student's prose different from the others'. */
export function ownSubmission(words: string, diagram = ''): Record<string, string> {
  return {
    'web_infrastructure_design/3-scale_up.md': `# Scale up\n\n${diagram}\n## Why\n\n${words}\n`,
  };
}
