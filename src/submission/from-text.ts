import path from 'node:path';
import { IMAGE_EXTENSIONS, type TaskLocation } from '../discover/locate-task.js';
import { parseMarkdown } from '../markdown/parse-markdown.js';
import { readDiagrams } from './load-submission.js';
import { addRemoteLink } from './remote-links.js';
import type { LoadedSubmission, SubmissionFile } from './model.js';

/** Where a text is taken to stand in a repository, for positions and messages. */
export interface TextPlacement {
  /** The task file's name (default: the rubric's first `.md` name, else its first name). */
  fileName?: string;
  /** Its folder, relative to the repository (default: the rubric's first project folder). */
  folder?: string;
}

/**
 * A submission made of one text held in memory (an editor's unsaved buffer, a rule's test case):
 * the task file as the student wrote it, nothing read from disk. It has no other file, so links to
 * local files lead nowhere, and a local image is taken as present (there is no repository to ask).
 */
export async function submissionFromText(text: string, location: TaskLocation, placement: TextPlacement = {}): Promise<LoadedSubmission> {
  const fileName = placement.fileName ?? location.fileNames.find((n) => n.endsWith('.md')) ?? location.fileNames[0] ?? `${location.task}.md`;
  const folder = placement.folder ?? location.projectDirs[0] ?? '';
  const relPath = folder ? `${folder}/${fileName}` : fileName;
  const root = path.resolve('/', 'infralint-text');
  const hadBom = text.startsWith('\uFEFF');
  const body = (hadBom ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  const markdown = path.extname(fileName).toLowerCase() === '.mmd' ? null : parseMarkdown(body);
  const file: SubmissionFile = {
    relPath,
    read: { relPath, absPath: path.join(root, relPath), text: body, bytes: Buffer.byteLength(text), truncated: false, hadBom, hadCrlf: /\r\n/.test(text), invalidUtf8: false },
    markdown,
    role: 'task',
  };
  const loaded: LoadedSubmission = {
    task: location.task,
    located: { root, projectDir: path.join(root, folder), taskFile: file.read.absPath, expectedRelPath: relPath, misnamed: [], siblings: [] },
    taskFile: file,
    files: [file],
    diagrams: [],
    visuals: [],
    notices: [],
    readmeSection: null,
    answerSection: null,
  };
  for (const link of markdown?.links ?? []) {
    const href = link.href.trim();
    if (!href || href.startsWith('#')) continue;
    const remote = /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//');
    if (remote) {
      addRemoteLink(loaded, file, link);
      continue;
    }
    if (link.image || IMAGE_EXTENSIONS.has(path.extname(href.replace(/[?#].*$/, '')).toLowerCase())) loaded.visuals.push({ file: relPath, line: link.line, target: href, kind: 'image' });
  }
  await readDiagrams(loaded);
  return loaded;
}
