import path from 'node:path';
import { projectTaskIndex, type BundledTask, type Curriculum } from '../config/rubric.js';
import { namesTask } from '../discover/answer-section.js';
import { locateTask } from '../discover/locate-task.js';
import { parseHeadings } from '../markdown/parse-markdown.js';
import { FolderLooks } from '../read/fs-probes.js';
import { resolvePath, toRelative } from '../read/safe-read.js';

/** Which version of the project a submission follows, and what showed it. */
export interface CurriculumDetection {
  curriculum: Curriculum;
  /** The file that decided (relative to the submission's folder), or null when nothing did (classic by default). */
  evidence: string | null;
  /** Why, in words a user reads (`--curriculum` is the way to say otherwise). */
  reason: string;
}

/**
 * Which curriculum a submission (a repository, its project folder, or one file) follows: the
 * Mermaid-native one when its project folder holds one of that curriculum's task files (or, with no
 * task file of either curriculum, a README whose headings name its tasks); classic otherwise.
 * Every fact comes from the bundled rubrics (their file names, folders and section headings).
 */
export function detectCurriculum(target: string): Curriculum {
  return explainCurriculum(target).curriculum;
}

/** `detectCurriculum` with the file that decided and the reason. */
export function explainCurriculum(target: string): CurriculumDetection {
  return explainCurriculumWith(target, new FolderLooks());
}

/**
 * explainCurriculum, looking through `looks`: each task of both curricula locates its file in the
 * same few folders, which are then listed once (a detection listed them once per task, ~11 times a
 * student of a cohort), and a caller that goes on to locate tasks there lists nothing again.
 */
export function explainCurriculumWith(target: string, looks: FolderLooks): CurriculumDetection {
  const abs = resolvePath(target);
  const native = projectTaskIndex('mermaid');
  const classic = projectTaskIndex('classic');
  const kind = looks.kind(abs);
  if (kind === 'file' || kind === 'link') {
    // One file: its name decides when it is a task file of either curriculum, or a README naming native tasks.
    const base = path.basename(abs);
    const dir = path.dirname(abs);
    const nativeTask = native.find((r) => r.fileNames.includes(base));
    if (nativeTask) return { curriculum: 'mermaid', evidence: base, reason: `${base} is the file of the Mermaid-native task "${nativeTask.title}".` };
    if (classic.some((r) => r.fileNames.includes(base))) return { curriculum: 'classic', evidence: base, reason: `${base} is a task file of the classic project.` };
    if (/^readme\.(md|markdown)$/i.test(base)) {
      const heading = readmeNamingTasks(dir, abs, native, looks);
      if (heading) return { curriculum: 'mermaid', evidence: base, reason: `${base} has a section for the Mermaid-native task "${heading.task}" (line ${heading.line}).` };
    }
    return explainFolder(dir, native, classic, looks);
  }
  return explainFolder(abs, native, classic, looks);
}

function explainFolder(root: string, native: BundledTask[], classic: BundledTask[], looks: FolderLooks): CurriculumDetection {
  for (const rubric of native) {
    const found = locateTask(root, rubric, looks).taskFile;
    if (found) {
      const rel = toRelative(root, found);
      return { curriculum: 'mermaid', evidence: rel, reason: `${rel} is the file of the Mermaid-native task "${rubric.title}".` };
    }
  }
  for (const rubric of classic) {
    const found = locateTask(root, rubric, looks).taskFile;
    if (found) {
      const rel = toRelative(root, found);
      return { curriculum: 'classic', evidence: rel, reason: `${rel} is a task file of the classic project.` };
    }
  }
  // No task file of either: a README that names the native tasks (a student who has not yet created the .mmd files).
  const projectDirs = new Set(native.map((r) => locateTask(root, r, looks).projectDir));
  for (const dir of projectDirs) {
    const readme = looks.list(dir).find((d) => (d.isFile() || d.isSymbolicLink()) && /^readme\.(md|markdown)$/i.test(d.name));
    if (!readme) continue;
    const heading = readmeNamingTasks(root, path.join(dir, readme.name), native, looks);
    if (heading) {
      const rel = toRelative(root, path.join(dir, readme.name));
      return { curriculum: 'mermaid', evidence: rel, reason: `${rel} has a section for the Mermaid-native task "${heading.task}" (line ${heading.line}).` };
    }
  }
  return { curriculum: 'classic', evidence: null, reason: 'No file of the Mermaid-native curriculum was found.' };
}

/** The first heading of a README that names a native task by its words (the number alone does not count). */
function readmeNamingTasks(root: string, file: string, native: BundledTask[], looks: FolderLooks): { task: string; line: number } | null {
  const outcome = looks.read(root, file);
  if (!outcome.ok) return null;
  const headings = parseHeadings(outcome.file.text);
  for (const rubric of native) {
    const heading = namesTask(headings, rubric.answerSection ?? []);
    if (heading) return { task: rubric.title, line: heading.line };
  }
  return null;
}
