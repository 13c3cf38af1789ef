/**
 * What a link to another site is, for the grader: an image or drawing that stands as the diagram
 * (a person must look at it), an unfilled template placeholder (no diagram at all), or neither (a
 * reference the prose cites).
 */
import path from 'node:path';
import { IMAGE_EXTENSIONS } from '../discover/locate-task.js';
import type { MarkdownLink } from '../markdown/parse-markdown.js';
import type { LoadedSubmission, SubmissionFile } from './model.js';

const DRAWING_HOSTS = /(imgur\.com|drive\.google\.com|docs\.google\.com|dropbox\.com|ibb\.co|postimg|lucid(chart)?\.(app|com)|draw\.io|diagrams\.net|miro\.com|figma\.com|canva\.com|excalidraw\.com|mermaid\.live|mermaid\.ink|whimsical\.com|photos\.app\.goo\.gl|onedrive|sharepoint|cacoo|creately|gliffy|app\.eraser\.io|tldraw|githubusercontent\.com\/.*\.(png|jpe?g|gif|svg))/i;
const IMAGE_IN_URL = /\.(png|jpe?g|gif|svg|webp|bmp)(\b|$)/i;
export const GITHUB_FILE_URL = /^https?:\/\/github\.com\/[^/]+\/[^/]+\/(?:blob|raw|tree)\/[^/]+\/(.+?)(?:[?#].*)?$/i;
/** Link text that says the link is the student's diagram: "[My diagram](...)", "[Screenshot](...)". */
const NAMES_A_DIAGRAM = /\b(diagrams?|schemas?|sch[eé]mas?|drawings?|sketch|screenshots?|whiteboard|images?|pictures?|photos?|visuals?)\b/i;
/**
 * A template's placeholder left unfilled: `https://imgur.com/your-screenshot-link`,
 * `https://i.imgur.com/XXXXXXX.png`, `https://example.com/diagram.png`, `.../link-to-your-diagram`.
 */
const PLACEHOLDER = /^[a-z]+:\/\/(?:[^/]*\.)?example\.(?:com|org|net)\b|[/=_.-](?:your|yours|insert|placeholder|replace[-_]?me|todo|tbd|x{4,}|link[-_]?here|url[-_]?here|link[-_]?to)(?=[/_.?#=-]|$)/i;

export type RemoteLink = 'image-url' | 'drawing-link' | 'placeholder' | null;

/** True when a URL is a template's placeholder rather than a real address. */
export function isPlaceholder(href: string): boolean {
  return PLACEHOLDER.test(href);
}

/**
 * What a remote link shows: an image URL, a drawing tool, any link that stands as the diagram (a
 * file that is nothing but links, or a link whose text names a diagram: whatever the host, a person
 * must look), or an unfilled placeholder; null for a reference in the prose.
 */
export function remoteVisual(href: string, link: Pick<MarkdownLink, 'image' | 'text'>, file: SubmissionFile): RemoteLink {
  if (isPlaceholder(href)) return 'placeholder';
  const ext = path.extname(href.replace(/[?#].*$/, '')).toLowerCase();
  if (IMAGE_EXTENSIONS.has(ext) || link.image || IMAGE_IN_URL.test(href)) return 'image-url';
  if (DRAWING_HOSTS.test(href)) return 'drawing-link';
  if (/^https?:\/\//i.test(href) && (onlyLinks(file) || NAMES_A_DIAGRAM.test(link.text))) return 'drawing-link';
  return null;
}

/** Records a remote link of `file`: a diagram to look at, or a finding for a placeholder. */
export function addRemoteLink(loaded: LoadedSubmission, file: SubmissionFile, link: MarkdownLink): void {
  const href = link.href.trim();
  const kind = remoteVisual(href, link, file);
  if (kind === 'placeholder') {
    loaded.notices.push({
      ruleId: 'diagram-present',
      message: `The link \`${href}\` is a template's placeholder, not a diagram: nothing is there to look at.`,
      severity: 'error',
      file: file.relPath,
      line: link.line,
      column: 1,
      hint: 'Replace it with the link to your own diagram, or better, draw the diagram in a ```mermaid block.',
    });
  } else if (kind) {
    loaded.visuals.push({ file: file.relPath, line: link.line, target: href, kind });
  }
}

const onlyLinksOf = new WeakMap<SubmissionFile, boolean>();

/**
 * True when a file is nothing but links (the "URL-only" submission). Read once per file: it is
 * asked for every GitHub link of the file, and a file of 8,000 links made it quadratic.
 */
function onlyLinks(file: SubmissionFile): boolean {
  let known = onlyLinksOf.get(file);
  if (known === undefined) {
    const prose = file.markdown?.prose.filter((b) => b.kind !== 'heading') ?? [];
    known = prose.every((b) => isOnlyUrls(b.text) || b.text.trim().split(/\s+/).length <= 3);
    onlyLinksOf.set(file, known);
  }
  return known;
}

/**
 * True when a text is one or more URLs and nothing else. Word by word, in linear time: the regex
 * `^\s*(https?:\/\/\S+\s*)+$` it replaces backtracks exponentially on `https://ahttps://a... x`.
 */
export function isOnlyUrls(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words[0] !== '' && words.every((w) => /^https?:\/\/\S/.test(w));
}
