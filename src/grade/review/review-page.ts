import { createHash } from 'node:crypto';
import path from 'node:path';
import { escapeXml } from '../../reporters/escape-xml.js';
import { bytesProblem } from '../../read/safe-bytes.js';
import { ruleDocsUrl, TOOL } from '../../tool.js';
import { verdictText } from '../../score/score.js';
import type { GradedRule, GradedTask, ReviewVisual } from '../record.js';
import type { Awaiting, ReviewQueue } from './review-queue.js';
import { REVIEW_SCRIPT } from './review-script.js';

const h = (text: string | number): string => escapeXml(String(text));

/** Image types a browser shows, by extension; any other file of the submission is never served. */
export const IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.bmp': 'image/bmp',
};

/** The images of a student's repository the page shows, once each, in the order of the tasks. */
export function localImages(student: Awaiting): { task: string; path: string; type: string }[] {
  const seen = new Set<string>();
  const images: { task: string; path: string; type: string }[] = [];
  for (const task of student.record.tasks) {
    for (const visual of task.visuals ?? []) {
      const type = visual.path ? IMAGE_TYPES[path.extname(visual.path).toLowerCase()] : undefined;
      if (!visual.path || !type || seen.has(visual.path)) continue;
      seen.add(visual.path);
      images.push({ task: task.task, path: visual.path, type });
    }
  }
  return images;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:0 auto;max-width:1200px;padding:1rem 1.5rem;color:#1f2328}
section.student{border:1px solid #d0d7de;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}
.images img{max-width:100%;max-height:480px;border:1px solid #d0d7de;margin:.3rem 0;display:block}
form.rule{border-top:1px solid #eaeef2;padding:.4rem 0}form.rule label{margin-right:.8rem}
form.rule input[type=text]{width:28rem;max-width:100%}.muted{color:#57606a}.stale{color:#9a6700;font-weight:600}
.decided{color:#1a7f37;font-weight:600}.saved{color:#1a7f37}.failed{color:#c62828}code{background:#f6f8fa;padding:0 .2rem;border-radius:3px}
`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The page's Content-Security-Policy: its one style and one script pinned by hash, images from
 * the server only (a remote image URL is a link, never loaded), requests to the server only.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src ${sha256(STYLE)}`,
  `script-src ${sha256(REVIEW_SCRIPT)}`,
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Students per page: a page of a 2,000-student cohort stays a few hundred KB. */
export const STUDENTS_PER_PAGE = 50;

export interface PageChoice {
  /** 1-based. */
  page: number;
  /** Only the students with a rule still undecided. */
  undecidedOnly: boolean;
}

/**
 * A page of the review: students awaiting a person (every one, or only those with a rule still
 * undecided), their images and links, and a checklist of the rules to decide. Each student keeps
 * their index in the queue (the image URLs), whichever page shows them.
 */
export function reviewPage(queue: ReviewQueue, reviewer: string, choice: PageChoice = { page: 1, undecidedOnly: false }): string {
  const undecided = queue.students.filter((s) => undecidedCount(s) > 0).length;
  const listed = queue.students.map((student, n) => ({ student, n })).filter(({ student }) => !choice.undecidedOnly || undecidedCount(student) > 0);
  const pages = Math.max(1, Math.ceil(listed.length / STUDENTS_PER_PAGE));
  const page = Math.min(Math.max(1, choice.page), pages);
  const nav = pageLinks(page, pages, choice.undecidedOnly);
  const parts = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>infralint review: ${undecided} awaiting</title><style>${STYLE}</style></head><body>`,
    `<h1>infralint review</h1>`,
    `<p>${queue.students.length} students have rules only a person can judge; ${undecided} still have some undecided. Each decision is saved to <code>${h(path.join(queue.grades, 'decisions.jsonl'))}</code> and applied by the next <code>infralint grade</code>, <code>merge</code> or <code>--resume</code>.</p>`,
    `<p><label>Reviewer <input type="text" id="reviewer" value="${h(reviewer)}" maxlength="200"></label> · ${choice.undecidedOnly ? '<a href="/">show every student</a>' : '<a href="/?undecided=1">show only students with undecided rules</a>'}</p>`,
    nav,
  ];
  for (const { student, n } of listed.slice((page - 1) * STUDENTS_PER_PAGE, page * STUDENTS_PER_PAGE)) parts.push(studentSection(queue, student, n));
  parts.push(nav, `<p class="muted">${h(TOOL.name)} ${h(TOOL.version)}</p><script>${REVIEW_SCRIPT}</script></body></html>\n`);
  return parts.join('\n');
}

function pageLinks(page: number, pages: number, undecidedOnly: boolean): string {
  if (pages === 1) return '';
  const link = (k: number) => (k === page ? `<strong>${k}</strong>` : `<a href="/?page=${k}${undecidedOnly ? '&amp;undecided=1' : ''}">${k}</a>`);
  return `<nav>Page ${Array.from({ length: pages }, (_, i) => link(i + 1)).join(' ')}</nav>`;
}

function undecidedCount(student: Awaiting): number {
  return student.decided.record.tasks.reduce((n, t) => n + t.rules.filter((r) => r.status === 'manual').length, 0);
}

function studentSection(queue: ReviewQueue, student: Awaiting, n: number): string {
  const { record } = student;
  const who = record.name ? `${h(record.name)} <span class="muted">(${h(record.student)})</span>` : h(record.student);
  const undecided = undecidedCount(student);
  const parts = [`<section class="student" id="student-${n}"><h2>${who} <span class="muted">${undecided ? `${undecided} rule${undecided > 1 ? 's' : ''} to decide` : 'all decided'}</span></h2>`];
  const images = localImages(student);
  if (images.length) {
    parts.push('<div class="images">');
    const folder = path.join(queue.cohort, record.student);
    images.forEach((image, k) => {
      // Looked at, not read: a missing image, or a link out of the folder, is said rather than shown broken.
      const problem = bytesProblem(folder, path.resolve(folder, image.path));
      parts.push(problem
        ? `<p><code>${h(image.path)}</code>: not shown, ${h(problem)}</p>`
        : `<figure><a href="/image/${n}/${k}" target="_blank" rel="noopener"><img src="/image/${n}/${k}" alt="${h(image.path)}" loading="lazy"></a><figcaption><code>${h(image.path)}</code></figcaption></figure>`);
    });
    parts.push('</div>');
  }
  student.decided.record.tasks.forEach((task, t) => {
    const original = record.tasks.find((t) => t.task === task.task);
    const reviewable = task.rules.filter((r) => original?.rules.find((o) => o.id === r.id)?.status === 'manual');
    if (!reviewable.length) return;
    const scoreId = `score-${n}-${t}`;
    parts.push(`<h3>${h(task.task)}: <span id="${scoreId}">${h(scoreLine(task))}</span> <span class="muted">(${h(task.path)})</span></h3>`);
    parts.push(otherVisuals(task.visuals ?? []));
    for (const rule of reviewable) parts.push(ruleForm(student, task, rule, scoreId));
  });
  parts.push('</section>');
  return parts.join('\n');
}

export function scoreLine(task: Pick<GradedTask, 'score' | 'maxScore' | 'manualPoints' | 'verdict'>): string {
  return `${task.score}/${task.maxScore}${task.manualPoints ? `, ${task.manualPoints} awaiting review` : ''}, ${verdictText(task.verdict)}`;
}

/** Remote images and drawing links as links (the page never loads them), missing and unshown files as text. */
function otherVisuals(visuals: readonly ReviewVisual[]): string {
  const items = visuals.map((v) => {
    const where = `<span class="muted">${h(v.file)}:${h(v.line)}</span>`;
    if (v.kind === 'image-url' || v.kind === 'drawing-link') {
      const link = /^https?:\/\//i.test(v.target) ? `<a href="${h(v.target)}" target="_blank" rel="noopener noreferrer">${h(v.target)}</a>` : `<code>${h(v.target)}</code>`;
      return `<li>${v.kind === 'image-url' ? 'remote image' : 'drawing'}: ${link} ${where}</li>`;
    }
    if (v.kind === 'ascii-art') return `<li>ASCII art ${where}</li>`;
    if (v.path && !IMAGE_TYPES[path.extname(v.path).toLowerCase()]) return `<li>a file a browser does not show: <code>${h(v.path)}</code> (open it in the repository) ${where}</li>`;
    return '';
  });
  const shown = items.filter(Boolean);
  return shown.length ? `<ul>${shown.join('')}</ul>` : '';
}

/** What the page says of a decided rule (also the server's answer to a saved decision). */
export function decidedState(rule: GradedRule): string {
  return `${rule.status} (${rule.points}/${rule.maxPoints}), decided by ${rule.decidedBy ?? ''} at ${rule.decidedAt ?? ''}`;
}

function ruleForm(student: Awaiting, task: GradedTask, rule: GradedRule, scoreId: string): string {
  const stale = student.decided.stale.find((d) => d.task === task.task && d.rule === rule.id);
  const state = rule.decidedBy !== undefined
    ? `<span class="decided">${h(decidedState(rule))}</span>`
    : stale
      ? `<span class="stale">stale: ${h(stale.reviewer)} decided ${h(stale.status)} at ${h(stale.time)}, before the submission changed; decide again</span>`
      : `<span class="muted">awaiting a decision (${h(rule.maxPoints)} points)</span>`;
  const statuses = ['pass', ...(rule.partialCredit ? ['partial'] : []), 'fail'];
  const shown: Record<string, string> = { pass: 'pass', partial: 'partial (half the points)', fail: 'fail' };
  const radios = statuses.map((s) => `<label><input type="radio" name="status" value="${s}"${rule.decidedBy !== undefined && rule.status === s ? ' checked' : ''} required> ${shown[s]}</label>`).join('');
  return [
    `<form class="rule" data-student="${h(student.record.student)}" data-task="${h(task.task)}" data-rule="${h(rule.id)}" data-score="${scoreId}">`,
    `<div><a href="${h(ruleDocsUrl(rule.id))}" target="_blank" rel="noopener noreferrer"><code>${h(rule.id)}</code></a> ${h(rule.description ?? rule.message)} <span data-state>${state}</span></div>`,
    `<div>${radios}<label>Note <input type="text" name="note" maxlength="4000" value="${h(rule.note ?? '')}"></label><button type="submit">Save</button> <span data-result role="status"></span></div>`,
    '</form>',
  ].join('');
}
