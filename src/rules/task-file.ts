import path from 'node:path';
import { IMAGE_EXTENSIONS } from '../discover/locate-task.js';
import type { RenameFix } from '../fix/model.js';
import type { RuleFinding, RuleModule } from './rule.js';

/** The gate: the task file exists under its expected name and is not empty. */
export const taskFile: RuleModule = {
  meta: {
    id: 'task-file',
    description: 'The task file exists under a name the task accepts (e.g. `3-scale_up` or `3-scale_up.md`), in the project folder, and is not empty.',
    diagramBased: false,
    whenTaskMissing: 'fail',
  },
  check({ submission }) {
    const { located, taskFile, readmeSection } = submission;
    const expected = located.expectedRelPath;
    if (taskFile) {
      if (!taskFile.read.text.trim()) {
        return {
          status: 'fail',
          message: `${taskFile.relPath} is empty.`,
          findings: [{ message: `${taskFile.relPath} is empty.`, at: { file: taskFile.relPath, line: 1, column: 1 }, hint: 'Write your design (diagram and explanations) in this file.' }],
        };
      }
      return { status: 'pass', message: `${taskFile.relPath} found.` };
    }
    // One misnamed text file: renaming it is the repair (a suggestion: `--fix-type file` applies it).
    // Not a `.mmd` file: it is the diagram's source, and the task file is markdown that shows it.
    const renamable = located.misnamed.filter((m) => m.kind === 'file' && !IMAGE_EXTENSIONS.has(path.extname(m.relPath).toLowerCase()) && path.extname(m.relPath).toLowerCase() !== '.mmd');
    const findings: RuleFinding[] = located.misnamed.map((m) => ({
      message:
        m.kind === 'directory'
          ? `${m.relPath} is a folder; the task expects a file named ${expected}.`
          : `Found ${m.relPath}, but the task expects ${expected}.`,
      at: { file: m.relPath, line: 1, column: 1 },
      hint: m.kind === 'directory'
        ? `Move your answer into a file named ${expected}.`
        : IMAGE_EXTENSIONS.has(path.extname(m.relPath).toLowerCase())
          // An image or a PDF cannot be renamed into the task file: the task file is text that shows it.
          ? `Create ${expected} (a text file) that shows it: ![diagram](${path.basename(m.relPath)})`
          : `Rename it: git mv ${m.relPath} ${expected}`,
      ...(renamable.length === 1 && renamable[0] === m ? { fix: renameFix(m.relPath, expected) } : {}),
    }));
    if (readmeSection) {
      findings.push({
        message: `The answer seems to be a section of ${readmeSection.file}; the task expects its own file, ${expected}.`,
        at: { file: readmeSection.file, line: readmeSection.line, column: 1 },
        hint: `Move this section into ${expected}.`,
      });
    }
    const drawnInReadme = submission.answerSection?.mermaidLines[0];
    if (drawnInReadme !== undefined) {
      // The curriculum whose explanations are a README section: the diagram itself has a file of its own.
      findings.push({
        message: `The diagram is drawn in ${submission.answerSection!.file}, but the task expects it in its own file, ${expected}.`,
        at: { file: submission.answerSection!.file, line: drawnInReadme, column: 1 },
        hint: `Copy the Mermaid code (without the \`\`\` fence lines) into ${expected}.`,
      });
    }
    if (findings.length === 0) {
      findings.push({ message: `No task file: expected ${expected}.`, at: { file: expected, line: 1, column: 1 }, hint: `Create ${expected} with your diagram and explanations.` });
    }
    return { status: 'fail', message: `Missing ${expected}${located.misnamed[0] ? ` (found ${located.misnamed.map((m) => m.relPath).join(', ')})` : ''}.`, findings };
  },
};

/** The rename a misnamed task file needs: to the expected name, keeping `.md` (so that GitHub still renders it as markdown). */
function renameFix(from: string, expected: string): RenameFix {
  const keepMd = !path.extname(expected) && /^\.(md|markdown)$/i.test(path.extname(from));
  const to = keepMd ? `${expected}${path.extname(from).toLowerCase()}` : expected;
  return { kind: 'file', description: `rename ${from} to ${to}`, rename: { from, to } };
}
