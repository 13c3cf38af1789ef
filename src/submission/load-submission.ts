import path from 'node:path';
import { IMAGE_EXTENSIONS, locateTask, normaliseName, type TaskLocation } from '../discover/locate-task.js';
import { extractDiagrams, findAsciiArt, type DiagramSource } from '../diagrams/extract.js';
import { detectDiagramType } from '../diagrams/detect.js';
import { readFenceContent } from '../diagrams/open-fence.js';
import { parseHeadings, parseMarkdown, type Heading } from '../markdown/parse-markdown.js';
import { cachedByObject } from '../bounded-cache.js';
import { exists, FolderLooks, readSubmissionFile, realpath } from '../read/fs-probes.js';
import { isInside, ResolvedPaths, toRelative, type ReadFile } from '../read/safe-read.js';
import type { Notice } from '../types.js';
import { findSection, isNumberEntry, keepLines } from '../discover/answer-section.js';
import { boxCount, capDiagram } from './cap-diagram.js';
import { capNotice, LIMITS } from './limits.js';
import type { Diagram, LoadedSubmission, SubmissionFile } from './model.js';
import { NEAREST_CELLS, NearestFiles } from './nearest-file.js';
import { addRemoteLink, GITHUB_FILE_URL } from './remote-links.js';

const TEXT_EXTENSIONS = new Set(['.md', '.mmd', '.markdown', '.txt', '']);

/**
 * Reads everything that belongs to one task of a submission. Never throws for bad input.
 * `resolved` and `looks`: the real paths resolved and the folders looked at while reading this
 * submission's other tasks.
 */
export async function loadSubmission(target: string, location: TaskLocation, maxBytes?: number, resolved = new ResolvedPaths(), looks = new FolderLooks(resolved)): Promise<LoadedSubmission> {
  const located = locateTask(target, location, looks);
  const loaded: LoadedSubmission = { task: location.task, located, taskFile: null, files: [], diagrams: [], visuals: [], notices: [], readmeSection: null, answerSection: null };
  const seen = new Set<string>();
  const root = located.root;

  let bytesRead = 0;
  let capped = false;
  // One search for the nearest file of every missing link of the task: each folder listed once, one budget.
  const nearest = new NearestFiles(root);
  // The paths already added, as given: the task file comes back among its siblings, and a file
  // linked twice by the same path, without its real path being resolved (and recorded) again.
  const added = new Set<string>();
  const addFile = (abs: string, role: SubmissionFile['role']): SubmissionFile | null => {
    if (added.has(abs)) return null;
    added.add(abs);
    const key = realpath(abs, resolved) || path.resolve(abs);
    if (seen.has(key)) return null;
    seen.add(key);
    if (loaded.files.length >= LIMITS.files || bytesRead >= LIMITS.bytes) {
      // One finding for all the files left unread.
      if (!capped) loaded.notices.push(capNotice(root, abs, loaded.files.length >= LIMITS.files ? `more than ${LIMITS.files} files belong to this task` : `this task's files hold more than ${LIMITS.bytes / 1024 / 1024} MiB`));
      capped = true;
      return null;
    }
    const outcome = readSubmissionFile(root, abs, maxBytes, resolved);
    if (outcome.ok) bytesRead += outcome.file.bytes;
    loaded.notices.push(...outcome.notices);
    if (!outcome.ok) return null;
    const ext = path.extname(abs).toLowerCase();
    const file: SubmissionFile = { relPath: outcome.file.relPath, read: outcome.file, markdown: ext === '.mmd' ? null : parseMarkdown(outcome.file.text), role };
    loaded.files.push(file);
    return file;
  };

  if (located.taskFile) {
    loaded.taskFile = addFile(located.taskFile, 'task');
    // Files that clearly belong to this task: `3-scale_up.mmd`, `3-scale_up_README.md`... but not a
    // translation of the answer (`3-scale_up_FR.md`): the task file is the answer that is graded.
    const wanted = normaliseName(location.task);
    for (const name of located.siblings.sort()) {
      const ext = path.extname(name).toLowerCase();
      if ((ext === '.mmd' || ext === '.md') && normaliseName(name).startsWith(wanted) && !isTranslation(name, location.task)) addFile(path.join(located.projectDir, name), 'sibling');
    }
    // Links are followed from the task file and from the files it links to (a `3-scale_up` holding
    // only the URL of `3-scale_up.md` is common), never further.
    if (loaded.taskFile) {
      const before = loaded.files.length;
      followLinks(loaded, loaded.taskFile, addFile, nearest);
      for (const linked of loaded.files.slice(before)) followLinks(loaded, linked, () => null, nearest);
      for (const sibling of loaded.files.filter((f) => f.role === 'sibling')) followLinks(loaded, sibling, () => null, nearest);
    }
  } else if (!location.answerSection?.length) {
    findReadmeSection(loaded, location, looks);
  }
  if (location.answerSection?.length) {
    const section = loadAnswerSection(loaded, location.answerSection, maxBytes, looks);
    if (section) {
      loaded.files.push(section);
      followLinks(loaded, section, () => null, nearest);
    }
  }

  for (const name of located.siblings) {
    const ext = path.extname(name).toLowerCase();
    if (IMAGE_EXTENSIONS.has(ext) && namedForTask(name, location.task)) {
      loaded.visuals.push({ file: toRelative(root, path.join(located.projectDir, name)), line: 1, target: name, kind: 'image-file', localPath: path.join(located.projectDir, name) });
    }
  }

  await readDiagrams(loaded);
  return loaded;
}

/**
 * The diagrams of every file of a submission, parsed, and the ASCII art found around them (what a
 * person must look at): the last step of loading, whether the files came from disk or from memory.
 */
export async function readDiagrams(loaded: LoadedSubmission): Promise<void> {
  let diagramsCapped = false;
  let graphCapped = false;
  let boxes = 0;
  let architectureBytes = 0;
  for (const file of loaded.files) {
    const sources: DiagramSource[] = file.markdown
      ? extractDiagrams(file.relPath, file.read.text, file.markdown, /\.(md|markdown)$/i.test(file.relPath))
      : [{ file: file.relPath, origin: 'file', text: file.read.text, line: 1, indent: 0, closed: true }];
    // A README section holds the explanations: the task's diagram is its own file, so a copy drawn
    // in the section is not graded (it is only kept apart from ASCII art).
    const parsed: Diagram[] = [];
    if (file.role !== 'section') {
      for (const found of sources) {
        if (loaded.diagrams.length + parsed.length >= LIMITS.diagrams) {
          if (!diagramsCapped) loaded.notices.push({ ...capNotice(loaded.located.root, file.read.absPath, `more than ${LIMITS.diagrams} Mermaid diagrams belong to this task`), file: file.relPath, line: found.line });
          diagramsCapped = true;
          break;
        }
        const detected = detectDiagramType(found.text);
        if (detected.kind === 'architecture') {
          architectureBytes += found.text.length;
          if (architectureBytes > LIMITS.architectureBytes) {
            if (!diagramsCapped) loaded.notices.push({ ...capNotice(loaded.located.root, file.read.absPath, `the architecture-beta diagrams of this task hold more than ${LIMITS.architectureBytes / 1024} KB`), file: file.relPath, line: found.line });
            diagramsCapped = true;
            continue;
          }
        }
        const { source, parse } = await readFenceContent(found, detected);
        if (parse.ast) {
          const capped = capDiagram(parse.ast, Math.max(0, LIMITS.boxes - boxes), LIMITS.links);
          boxes += boxCount(capped.ast);
          if (capped.droppedBoxes || capped.droppedLinks) {
            parse.ast = capped.ast;
            if (!graphCapped) loaded.notices.push({
              ...capNotice(loaded.located.root, file.read.absPath, `the diagrams hold more than ${LIMITS.boxes} boxes or a diagram more than ${LIMITS.links} links (${capped.droppedBoxes} boxes and ${capped.droppedLinks} links of this diagram, and any of later ones, are left out of the graph)`),
              file: file.relPath,
              line: source.line,
            });
            graphCapped = true;
          }
        }
        parsed.push({ ...source, index: loaded.diagrams.length + parsed.length, parse });
      }
      loaded.diagrams.push(...parsed);
    }
    // ASCII art anywhere in the file, in a code block or not (diagrams excluded). A `.mmd` file is
    // Mermaid source by its name: when it is no Mermaid at all, a text drawing in it is ASCII art.
    const notMermaid = !file.markdown && parsed.every((d) => d.parse.kind === 'unknown');
    const art = findAsciiArt(file.read.text, notMermaid ? [] : sources);
    if (art !== null) loaded.visuals.push({ file: file.relPath, line: art, target: 'ASCII art', kind: 'ascii-art' });
  }
}

/** `3-scale_up.png`, `scale_up.jpg`, `task_3.png`, `3-diagram.png`: an image named for this task. */
function namedForTask(name: string, task: string): boolean {
  const number = /^(\d+)/.exec(task)?.[1];
  const words = normaliseName(task.replace(/^\d+[-_]?/, ''));
  const base = name.replace(/\.[^.]+$/, '');
  return normaliseName(base).includes(words) || (number !== undefined && new RegExp(`(^|[^0-9])${number}([^0-9]|$)`).test(base));
}

/** Follows the task file's links: local text files join the submission; images are recorded. */
function followLinks(loaded: LoadedSubmission, file: SubmissionFile, addFile: (abs: string, role: SubmissionFile['role']) => SubmissionFile | null, nearestFiles: NearestFiles): void {
  const root = loaded.located.root;
  const baseDir = path.dirname(file.read.absPath);
  const links = file.markdown?.links ?? [];
  if (links.length > LIMITS.linksPerFile) {
    loaded.notices.push({ ...capNotice(root, file.read.absPath, `${file.relPath} holds ${links.length} links`), line: links[LIMITS.linksPerFile]!.line });
  }
  for (const link of links.slice(0, LIMITS.linksPerFile)) {
    const href = link.href.trim();
    if (!href || href.startsWith('#') || /^(mailto|tel|data|javascript):/i.test(href)) continue;
    const remote = /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//');
    const ext = path.extname(href.replace(/[?#].*$/, '')).toLowerCase();
    if (remote) {
      const github = GITHUB_FILE_URL.exec(href);
      const local = github ? localFileForRepoPath(root, decodeOr(github[1]!)) : null;
      if (local && TEXT_EXTENSIONS.has(path.extname(local).toLowerCase())) {
        addFile(local, 'linked');
      } else {
        addRemoteLink(loaded, file, link);
      }
      continue;
    }
    const decoded = decodeOr(href.replace(/[?#].*$/, ''), href);
    const abs = path.resolve(decoded.startsWith('/') ? root : baseDir, decoded.replace(/^\/+/, ''));
    if (!isInside(root, abs)) {
      loaded.notices.push({
        ruleId: 'task-file',
        message: `The link \`${href}\` points outside the submission folder; it was not followed.`,
        severity: 'warning',
        file: file.relPath,
        line: link.line,
        column: 1,
        hint: 'Link only to files inside your repository, with a relative path.',
      });
      continue;
    }
    const image = link.image || IMAGE_EXTENSIONS.has(ext);
    if (!image && !TEXT_EXTENSIONS.has(ext)) continue;
    let target = abs;
    if (!exists(abs)) {
      // The commonest mistake: an image or file the answer shows but the repository lacks (not committed, or a wrong path).
      const wasExhausted = nearestFiles.exhausted;
      const nearest = nearestFiles.find(abs, image ? IMAGE_EXTENSIONS : TEXT_EXTENSIONS);
      if (nearestFiles.exhausted && !wasExhausted) {
        loaded.notices.push({ ...capNotice(root, file.read.absPath, `${file.relPath} links to so many missing files, among so many others, that from line ${link.line} on only a file of the same name is suggested for one (infralint compares at most ${NEAREST_CELLS / 1_000_000} million characters of file names a task)`), line: link.line });
      }
      // The same file in another folder: GitHub shows nothing, but a person (and infralint) can still find it.
      const sameName = nearest !== null && path.basename(nearest).toLowerCase() === path.basename(abs).toLowerCase();
      loaded.notices.push(missingLinkNotice(root, file, link.line, href, nearest, image ? 'image' : 'file', sameName));
      // A missing image still says a diagram was meant: a person decides (the finding tells the student what to fix).
      if (!sameName && !image) continue;
      target = nearest ?? abs;
    }
    if (image) loaded.visuals.push({ file: file.relPath, line: link.line, target: href, kind: 'image', localPath: target });
    else addFile(target, 'linked');
  }
}

/** A finding for a link to a file the repository lacks, with the nearest file that exists. */
function missingLinkNotice(root: string, file: SubmissionFile, line: number, href: string, nearest: string | null, what: 'image' | 'file', sameName: boolean): Notice {
  const where = nearest ? `; the nearest file is \`${toRelative(root, nearest)}\`` : '';
  return {
    ruleId: what === 'image' ? 'diagram-present' : 'task-file',
    message: sameName
      ? `The ${what} \`${href}\` is not where the link says (GitHub shows nothing there)${where}.`
      : `The ${what} \`${href}\` is not in the repository${where}.`,
    severity: sameName ? 'warning' : 'error',
    file: file.relPath,
    line,
    column: 1,
    hint: nearest
      ? `Point the link at the file that exists: \`${path.relative(path.dirname(file.read.absPath), nearest).split(path.sep).join('/')}\` (paths are case-sensitive on GitHub).`
      : `Commit the ${what} (git add ${href}), or fix the path: it is relative to ${file.relPath}.`,
  };
}

/** A link's percent-decoded text, or `fallback` when its encoding is broken (`%E0%A4`). */
function decodeOr(text: string, fallback = text): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return fallback;
  }
}

/** Folders a repository path in a link may descend: real ones hold a handful; the rest are never looked up. */
export const MAX_REPO_PATH_SEGMENTS = 32;

/** `web_infrastructure_design/3-scale_up.md` in a GitHub URL, found inside a submission rooted anywhere. */
function localFileForRepoPath(root: string, repoPath: string): string | null {
  // Only the last segments can name a file of the submission (the first ones are the repository's
  // own folders): a link with 20,000 segments costs no more than one with 32.
  const parts = repoPath.split('/').filter(Boolean).slice(-MAX_REPO_PATH_SEGMENTS);
  for (let i = 0; i < parts.length; i++) {
    const candidate = path.resolve(root, ...parts.slice(i));
    if (isInside(root, candidate) && exists(candidate)) return candidate;
  }
  return null;
}

/**
 * The task's section of the project's README (the rubric's `answerSection`): a file of the
 * submission whose text and markdown hold only that section, at the README's own line numbers, so
 * that other tasks' explanations never count and every position stays right.
 */
function loadAnswerSection(loaded: LoadedSubmission, entries: string[], maxBytes: number | undefined, looks: FolderLooks): SubmissionFile | null {
  const { root, projectDir, siblings, expectedRelPath } = loaded.located;
  const title = sectionTitle(entries);
  const name = siblings.find((n) => n === 'README.md') ?? siblings.find((n) => /^readme\.(md|markdown)$/i.test(n));
  if (name === undefined) {
    loaded.notices.push({
      ruleId: 'task-file',
      message: `No README.md beside ${expectedRelPath}: this task's explanations belong in a section of it.`,
      severity: 'warning',
      file: toRelative(root, path.join(projectDir, 'README.md')),
      line: 1,
      column: 1,
      hint: `Create README.md with a section \`${title}\` that answers the task's questions.`,
    });
    return null;
  }
  const outcome = looks.read(root, path.join(projectDir, name), maxBytes);
  loaded.notices.push(...outcome.notices);
  if (!outcome.ok) return null;
  const { text } = outcome.file;
  // The whole README is read for its headings only: the section found is parsed whole below.
  const range = findSection(headingsOf(outcome.file), entries, text.split('\n').length);
  if (!range) {
    loaded.notices.push({
      ruleId: 'task-file',
      message: `${outcome.file.relPath} has no section for this task, so its explanations were not found.`,
      severity: 'warning',
      file: outcome.file.relPath,
      line: 1,
      column: 1,
      hint: `Answer the task's questions under a heading \`${title}\`: only the text down to the next heading of the same level counts.`,
    });
    return null;
  }
  const sectionText = keepLines(text, range.heading.line, range.endLine);
  const markdown = parseMarkdown(sectionText);
  loaded.answerSection = {
    file: outcome.file.relPath,
    heading: range.heading.text,
    line: range.heading.line,
    endLine: range.endLine,
    mermaidLines: markdown.fences.filter((f) => /^mermaid\b/.test(f.lang)).map((f) => f.line),
  };
  return { relPath: outcome.file.relPath, read: { ...outcome.file, text: sectionText }, markdown, role: 'section' };
}

/** A README's headings, found once per reading of it (the tasks of a submission share its reading: FolderLooks.read). */
const headingsOf = cachedByObject((file: ReadFile): Heading[] => parseHeadings(file.text));

/** The heading a student should write: `## 0. Model a Single-Server Web Stack` from the rubric's entries. */
function sectionTitle(entries: string[]): string {
  const number = entries.find(isNumberEntry)?.trim().replace(/\.?$/, '.');
  const words = entries.find((e) => !isNumberEntry(e)) ?? '';
  return `## ${[number, words].filter(Boolean).join(' ')}`;
}

/** Without a task file, a README section titled for the task is what the student wrote instead. */
function findReadmeSection(loaded: LoadedSubmission, location: TaskLocation, looks: FolderLooks): void {
  const readme = path.join(loaded.located.projectDir, 'README.md');
  if (!exists(readme)) return;
  const outcome = looks.read(loaded.located.root, readme);
  if (!outcome.ok) return;
  const headings = headingsOf(outcome.file);
  const wanted = normaliseName(location.task).replace(/^\d+/, '');
  const heading = headings.find((h) => normaliseName(h.text).includes(wanted) || /\bscale\s*up\b/i.test(h.text));
  if (heading) loaded.readmeSection = { file: outcome.file.relPath, line: heading.line };
}

/** Language tags students put after a file's name for a translation of it. */
const LANGUAGE_TAG = /^[\s_.-]*(fr|fra|french|francais|français|es|esp|spanish|espanol|español|pt|ptbr|portuguese|ar|arabic|de|german|it|italian|tr|turkish|ru|sw|swahili|am|amharic)$/i;

/** `3-scale_up_FR.md`, `3-scale_up.fr.md`: the task's answer in another language. */
export function isTranslation(name: string, task: string): boolean {
  const stem = name.replace(/\.(md|mmd)$/i, '');
  if (!stem.toLowerCase().startsWith(task.toLowerCase())) return false;
  return LANGUAGE_TAG.test(stem.slice(task.length));
}

export { isOnlyUrls } from './remote-links.js';
