import { appendFileSync, closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { UsageError } from '../../errors.js';
import { readSmallFile } from '../../read/small-file.js';

/** What a reviewer decides for a rule awaiting a person. */
export type DecisionStatus = 'pass' | 'partial' | 'fail';
export const DECISION_STATUSES: readonly DecisionStatus[] = ['pass', 'partial', 'fail'];

/** One decision, as the decisions file keeps it (rules/decisions.schema.json). */
export interface Decision {
  student: string;
  task: string;
  rule: string;
  status: DecisionStatus;
  note: string;
  reviewer: string;
  /** When it was decided: an ISO 8601 date-time. */
  time: string;
  /** The submission's content digest the reviewer saw (absent from a decision written by hand). */
  digest?: string;
}

/** Where a decision was read: for messages. */
export interface SourcedDecision extends Decision {
  source: string;
}

/** `infralint review` appends here; a mentor may also write decisions.json or decisions.csv by hand. */
export const DECISIONS_LOG = 'decisions.jsonl';
const DECISION_FILES = ['decisions.json', 'decisions.csv', DECISIONS_LOG] as const;
const FIELDS = ['student', 'task', 'rule', 'status', 'note', 'reviewer', 'time', 'digest'] as const;
const REQUIRED = ['student', 'task', 'rule', 'status', 'reviewer', 'time'] as const;
/** A decisions file past this is not one a cohort's mentors wrote (50,000 decisions is ~15 MB). */
const MAX_DECISIONS_BYTES = 64 * 1024 * 1024;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_TEXT = 4000;

/** The decision an entry states, or why it is not one (checked as the schema says, with plain words). */
export function decisionProblem(entry: unknown): string | null {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return 'not an object';
  const e = entry as Record<string, unknown>;
  const unknown = Object.keys(e).filter((k) => !(FIELDS as readonly string[]).includes(k));
  if (unknown.length) return `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} (fields: ${FIELDS.join(', ')})`;
  for (const field of REQUIRED) {
    if (typeof e[field] !== 'string' || !(e[field] as string).trim()) return `"${field}" must be a non-empty string`;
  }
  for (const field of ['note', 'digest'] as const) {
    if (e[field] !== undefined && typeof e[field] !== 'string') return `"${field}" must be a string`;
  }
  for (const field of FIELDS) {
    if (typeof e[field] === 'string' && (e[field] as string).length > MAX_TEXT) return `"${field}" is longer than ${MAX_TEXT} characters`;
  }
  if (!(DECISION_STATUSES as readonly string[]).includes(e.status as string)) return `"status" must be one of ${DECISION_STATUSES.join(', ')} (got "${String(e.status)}")`;
  if (!ISO_TIME.test(e.time as string) || Number.isNaN(Date.parse(e.time as string))) return `"time" must be an ISO 8601 date-time such as 2026-12-01T14:05:00Z (got "${String(e.time)}")`;
  return null;
}

function toDecision(e: Record<string, unknown>): Decision {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  return {
    student: text(e.student),
    task: text(e.task),
    rule: text(e.rule),
    status: e.status as DecisionStatus,
    note: text(e.note),
    reviewer: text(e.reviewer),
    time: text(e.time),
    ...(text(e.digest) ? { digest: text(e.digest) } : {}),
  };
}

/**
 * The decisions of a file's text: JSON Lines (`.jsonl`), a JSON array (`.json`) or CSV with a header
 * naming the fields (`.csv`, as a spreadsheet saves it). Any invalid entry is a UsageError naming
 * the file and its line: a decision silently dropped would regrade a student the mentor reviewed.
 */
export function parseDecisions(text: string, file: string): SourcedDecision[] {
  const fail = (line: number, why: string): never => {
    throw new UsageError(`${file}:${line}: ${why}; fix or remove that entry (fields: ${FIELDS.join(', ')}; see rules/decisions.schema.json)`);
  };
  const entries = file.endsWith('.csv') ? csvEntries(text, fail) : file.endsWith('.jsonl') ? jsonLineEntries(text, fail) : jsonArrayEntries(text, fail);
  return entries.map(({ line, value }) => {
    const problem = decisionProblem(value);
    if (problem) fail(line, problem);
    return { ...toDecision(value as Record<string, unknown>), source: `${file}:${line}` };
  });
}

type Fail = (line: number, why: string) => never;
interface Entry {
  line: number;
  value: unknown;
}

function jsonLineEntries(text: string, fail: Fail): Entry[] {
  const entries: Entry[] = [];
  text.replace(/^\uFEFF/, '').split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    try {
      entries.push({ line: i + 1, value: JSON.parse(line) });
    } catch {
      // The last line of a log cut by a crash mid-write is the usual culprit.
      fail(i + 1, 'not a JSON object (one decision per line)');
    }
  });
  return entries;
}

function jsonArrayEntries(text: string, fail: Fail): Entry[] {
  const body = text.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const at = /position (\d+)/.exec((error as Error).message);
    return fail(at ? lineAt(body, Number(at[1])) : 1, `not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(data)) return fail(1, 'not a JSON array of decisions');
  const starts = arrayElementLines(body);
  return data.map((value, i) => ({ line: starts[i] ?? 1, value }));
}

/** The line each top-level element of a JSON array starts on (the text is known to be valid JSON). */
function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (depth === 1 && expectElement && c !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectElement = true;
  }
  return lines;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function csvEntries(text: string, fail: Fail): Entry[] {
  const header = text.replace(/^\uFEFF/, '').split('\n', 1)[0] ?? '';
  // A spreadsheet set to a European locale saves with semicolons.
  const delimiter = (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parseCsv(text, { bom: true, delimiter, columns: (names: string[]) => names.map((n) => n.trim().toLowerCase()), skip_empty_lines: true, info: true, relax_column_count: false, trim: true });
  } catch (error) {
    const at = (error as { lines?: number }).lines;
    return fail(typeof at === 'number' ? at : 1, `not valid CSV (${(error as Error).message})`);
  }
  const columns = header.toLowerCase().split(delimiter).map((h) => h.trim().replace(/^"|"$/g, ''));
  const missing = REQUIRED.filter((f) => !columns.includes(f));
  if (missing.length) fail(1, `the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (a header line naming the columns, comma-separated)`);
  // Empty cells are absent fields (a spreadsheet writes every column of every row).
  return rows.map(({ record, info }) => ({ line: info.lines, value: Object.fromEntries(Object.entries(record).filter(([, v]) => v !== '')) }));
}

/** Every decision of an output folder, in the order written: hand-written files first, then the log. */
export function readDecisions(outDir: string): SourcedDecision[] {
  const decisions: SourcedDecision[] = [];
  for (const name of DECISION_FILES) {
    const file = path.join(outDir, name);
    if (!existsSync(file)) continue;
    const text = readSmallFile(file, { what: 'decisions file', maxBytes: MAX_DECISIONS_BYTES });
    decisions.push(...parseDecisions(text, file));
  }
  return decisions;
}

/** `student\0task\0rule`: what a decision is about. */
export function decisionKey(d: Pick<Decision, 'student' | 'task' | 'rule'>): string {
  return `${d.student}\u0000${d.task}\u0000${d.rule}`;
}

/**
 * The decisions in force, by student: for each rule the latest (by time; a tie goes to the one
 * written last), so that a reviewer changing their mind appends a decision rather than editing one.
 */
export function latestByStudent(decisions: readonly SourcedDecision[]): Map<string, SourcedDecision[]> {
  const latest = new Map<string, { decision: SourcedDecision; at: number }>();
  for (const decision of decisions) {
    const at = Date.parse(decision.time);
    const key = decisionKey(decision);
    const current = latest.get(key);
    if (!current || at >= current.at) latest.set(key, { decision, at });
  }
  const byStudent = new Map<string, SourcedDecision[]>();
  for (const { decision } of latest.values()) {
    const list = byStudent.get(decision.student) ?? [];
    list.push(decision);
    byStudent.set(decision.student, list);
  }
  return byStudent;
}

/** Appends one decision to the log (one write of one line: a reader never sees half of it). */
export function appendDecision(outDir: string, decision: Decision): string {
  const problem = decisionProblem(decision);
  if (problem) throw new UsageError(`invalid decision: ${problem}`);
  const file = path.join(outDir, DECISIONS_LOG);
  // A log left without its final newline (edited by hand) must not glue two decisions on one line.
  const needsNewline = existsSync(file) && statSync(file).size > 0 && !endsWithNewline(file);
  appendFileSync(file, `${needsNewline ? '\n' : ''}${JSON.stringify(decision)}\n`, { flag: 'a' });
  return file;
}

function endsWithNewline(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, statSync(file).size - 1);
    return last[0] === 10;
  } finally {
    closeSync(fd);
  }
}
