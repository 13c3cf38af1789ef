import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { readSubmissionBytes } from '../../read/safe-bytes.js';
import { appendDecision, DECISION_STATUSES, type Decision, type DecisionStatus } from './decisions.js';
import { decidedState, localImages, PAGE_CSP, reviewPage, scoreLine } from './review-page.js';
import { refreshStudent, type Awaiting, type ReviewQueue } from './review-queue.js';

/** Hosts the server may listen on: this machine only (decisions and submissions are nobody else's). */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
/** A decision is a few hundred bytes. */
const MAX_BODY = 64 * 1024;

export interface ReviewServerOptions {
  host?: string;
  /** 0 (the default) takes a free port. */
  port?: number;
  reviewer: string;
  /** Now, for the decisions' time (tests pin it). */
  now?: () => Date;
}

export interface RunningReview {
  url: string;
  server: Server;
  close: () => Promise<void>;
}

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/**
 * `infralint review`: a small HTTP server on the loopback interface serving the review page, the
 * images of the students awaiting review (read only from inside each student's folder), and an
 * endpoint that appends a decision to the grades folder's decisions.jsonl. Requests naming another
 * host (DNS rebinding) and posts from another origin (a page elsewhere making the browser post) are
 * refused; nothing else is served.
 */
/** Refuses any address but this machine's (a UsageError). */
export function checkLoopback(host: string): void {
  if (!LOOPBACK.has(host)) throw new UsageError(`review serves this machine only: --host must be 127.0.0.1, ::1 or localhost (got "${host}")`);
}

export async function startReviewServer(queue: ReviewQueue, options: ReviewServerOptions): Promise<RunningReview> {
  const host = options.host ?? '127.0.0.1';
  checkLoopback(host);
  const server = createServer((request, response) => {
    try {
      route(queue, options, request, response, server);
    } catch (error) {
      send(response, 500, 'text/plain; charset=utf-8', `internal error: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new UsageError(`port ${options.port} is in use: choose another with --port, or leave it out for a free one`) : error));
    server.listen(options.port ?? 0, host === 'localhost' ? '127.0.0.1' : host, () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const shown = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${shown}:${port}/`,
    server,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function route(queue: ReviewQueue, options: ReviewServerOptions, request: IncomingMessage, response: ServerResponse, server: Server): void {
  const { port } = server.address() as AddressInfo;
  const origins = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  // A page of another site resolving its own name to 127.0.0.1 still sends its name as Host.
  if (!origins.has(request.headers.host ?? '')) return send(response, 421, 'text/plain; charset=utf-8', 'this server answers requests for 127.0.0.1 only');
  const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
  if (request.method === 'GET' && url.pathname === '/') {
    const choice = { page: Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1, undecidedOnly: url.searchParams.get('undecided') === '1' };
    return send(response, 200, 'text/html; charset=utf-8', reviewPage(queue, options.reviewer, choice), { 'Content-Security-Policy': PAGE_CSP });
  }
  const image = /^\/image\/(\d+)\/(\d+)$/.exec(url.pathname);
  if (request.method === 'GET' && image) return serveImage(queue, Number(image[1]), Number(image[2]), response);
  if (request.method === 'POST' && url.pathname === '/decisions') {
    const origin = request.headers.origin;
    // Same origin only: a cross-site form or fetch names its own origin (or none with no-referrer tricks: refused too).
    if (!origin || !origins.has(origin.replace(/^http:\/\//, ''))) return sendJson(response, 403, { error: 'cross-origin request refused' });
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) return sendJson(response, 415, { error: 'send the decision as application/json' });
    return void readBody(request, response, (body) => saveDecision(queue, options, body, response));
  }
  send(response, 404, 'text/plain; charset=utf-8', 'not found');
}

/** One of the images the page lists, read from inside the student's folder only; nothing else. */
function serveImage(queue: ReviewQueue, n: number, k: number, response: ServerResponse): void {
  const student = queue.students[n];
  const image = student ? localImages(student)[k] : undefined;
  if (!student || !image) return send(response, 404, 'text/plain; charset=utf-8', 'not found');
  const folder = path.join(queue.cohort, student.record.student);
  const read = readSubmissionBytes(folder, path.resolve(folder, image.path));
  if (!read.ok) return send(response, 404, 'text/plain; charset=utf-8', `not served: ${read.why}`);
  // An SVG opened on its own is a document: sandboxed, with no script and nothing loaded.
  send(response, 200, image.type, read.bytes, { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox" });
}

function readBody(request: IncomingMessage, response: ServerResponse, then: (body: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY && !refused) {
      refused = true;
      // The connection is closed once the answer is sent: the rest of the body is not read.
      response.setHeader('Connection', 'close');
      sendJson(response, 413, { error: 'a decision is at most 64 KiB' });
    } else if (!refused) chunks.push(chunk);
  });
  request.on('end', () => {
    if (!refused) then(Buffer.concat(chunks).toString('utf8'));
  });
}

/** Checks a posted decision against the queue (a rule awaiting a person, a status the rubric grants) and appends it. */
function saveDecision(queue: ReviewQueue, options: ReviewServerOptions, body: string, response: ServerResponse): void {
  let posted: Record<string, unknown>;
  try {
    posted = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return sendJson(response, 400, { error: 'not JSON' });
  }
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const student = queue.students.find((s) => s.record.student === posted.student);
  if (!student) return sendJson(response, 404, { error: 'no such student awaiting review' });
  const task = student.record.tasks.find((t) => t.task === posted.task);
  const rule = task?.rules.find((r) => r.id === posted.rule && r.status === 'manual');
  if (!task || !rule) return sendJson(response, 404, { error: 'no such rule awaiting review' });
  const status = text(posted.status) as DecisionStatus;
  if (!DECISION_STATUSES.includes(status) || (status === 'partial' && !rule.partialCredit)) return sendJson(response, 400, { error: `decide ${rule.partialCredit ? 'pass, partial or fail' : 'pass or fail'}` });
  const reviewer = text(posted.reviewer);
  if (!reviewer) return sendJson(response, 400, { error: 'say who you are (the reviewer field)' });
  const decision: Decision = {
    student: student.record.student,
    task: task.task,
    rule: rule.id,
    status,
    note: text(posted.note),
    reviewer,
    time: (options.now?.() ?? new Date()).toISOString(),
    ...(student.record.digest ? { digest: student.record.digest } : {}),
  };
  try {
    appendDecision(queue.grades, decision);
    refreshStudent(queue, student);
  } catch (error) {
    return sendJson(response, error instanceof UsageError ? 400 : 500, { error: (error as Error).message });
  }
  sendJson(response, 200, answer(student, task.task, rule.id));
}

function answer(student: Awaiting, task: string, rule: string): { state: string; score: string } {
  const decidedTask = student.decided.record.tasks.find((t) => t.task === task)!;
  const decidedRule = decidedTask.rules.find((r) => r.id === rule)!;
  return { state: decidedRule.decidedBy !== undefined ? decidedState(decidedRule) : `saved, but not applied: ${decidedRule.status}`, score: scoreLine(decidedTask) };
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  if (response.headersSent) return;
  response.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}
