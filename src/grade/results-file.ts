import { hash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import type { ResultsHeader, StudentRecord } from './record.js';
import type { TaskSketch } from './similarity/sketch.js';
import { ByteArena, writeUtf8 } from './byte-arena.js';

/** The file each run (or shard) writes: a header line, then one student per line, sorted by student. */
export const RESULTS_FILE = 'results.jsonl';

/** The students an interrupted run had graded (a results file closed with their count): `--resume` reuses them. */
export const INTERRUPTED_FILE = 'results.interrupted.jsonl';
/** The cohort folder a grades folder was graded from, absolute: only `review`'s default. */
export const COHORT_FOLDER_FILE = 'cohort-folder.txt';

export interface ResultsReader {
  file: string;
  header: ResultsHeader;
  records: () => AsyncGenerator<StudentRecord>;
}

/**
 * The non-empty lines of a file, streamed, split at LF bytes only: a JSON line may hold U+2028 or
 * U+2029 raw (JSON.stringify leaves them), which readline takes for line ends on recent Node versions.
 * Lines are decoded whole, so a character is never cut between two chunks.
 */
export async function* jsonLines(file: string): AsyncGenerator<string> {
  let rest: Buffer = Buffer.alloc(0);
  const line = (bytes: Buffer) => bytes.toString('utf8').replace(/\r$/, '');
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    const data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(10); end >= 0; end = data.indexOf(10, start)) {
      const text = line(data.subarray(start, end));
      if (text) yield text;
      start = end + 1;
    }
    rest = Buffer.from(data.subarray(start));
  }
  const last = line(rest);
  if (last) yield last;
}

/** A header line longer than this is not one infralint wrote. */
const HEADER_LIMIT = 1 << 20;

/**
 * The first line of a file, read in small chunks: opening a results file of 10,000 students must
 * not read its 100+ MB (a line stream keeps reading ahead after the first line is taken).
 */
async function firstLine(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(16 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
      const end = chunk.subarray(0, bytesRead).indexOf(10);
      chunks.push(chunk.subarray(0, end < 0 ? bytesRead : end));
      length += bytesRead;
      if (end >= 0 || bytesRead === 0 || length >= HEADER_LIMIT) return Buffer.concat(chunks).toString('utf8').replace(/\r$/, '');
    }
  } finally {
    await handle.close();
  }
}

/** The last line of a results file: how many records precede it (a file cut short lacks it). */
export interface ResultsTrailer {
  infralint: 'grade-results-end';
  students: number;
}

export function resultsTrailer(students: number): string {
  return JSON.stringify({ infralint: 'grade-results-end', students } satisfies ResultsTrailer);
}

const SEAL = ',"seal":"';
/** What follows a record's JSON (less its closing brace) on its line: the seal member, the brace, the newline. */
const SEALED_END_BYTES = SEAL.length + 28 + '"}\n'.length;

/** The seal of a record's JSON: a string is hashed as its UTF-8 bytes, so both forms give the same seal. */
function sealOf(body: string | Uint8Array): string {
  return hash('sha1', body, 'base64');
}

/**
 * A record's line with its newline, sealed, as UTF-8 bytes: the JSON of the record (`body`) with a
 * digest of that JSON appended, so that a record edited by hand (a score changed) is refused instead
 * of reused. The JSON is encoded once, into the line's own bytes, and sealed over those bytes (a
 * record is ~11 KB: encoding it a second time, and joining the line as a string first, cost as much
 * as the hashing). `arena`: where to write the line (a worker's batch); by default, a buffer of its own.
 */
export function sealedRecordBytes(body: string, arena: ByteArena = new ByteArena(0)): Uint8Array {
  // Encoded straight where it goes, without counting the bytes first.
  const { room, end } = arena.utf8([body], SEALED_END_BYTES - 1);
  return arena.keep(writeSeal(room, end));
}

/** Seals the JSON in `line`'s first `size` bytes: its closing brace becomes the seal member's; the line's length. */
function writeSeal(line: Uint8Array, size: number): number {
  writeUtf8(`${SEAL}${sealOf(line.subarray(0, size))}"}\n`, line, size - 1);
  return size - 1 + SEALED_END_BYTES;
}

/** The record of a sealed line, or why it is not one infralint wrote. */
function unsealRecordLine(line: string): { record: StudentRecord } | { problem: string } {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return { problem: 'not valid JSON (the file was cut or edited)' };
  }
  const at = line.lastIndexOf(SEAL);
  if (!record || typeof record !== 'object' || at < 0 || typeof (record as { seal?: unknown }).seal !== 'string') return { problem: 'not a record infralint wrote' };
  const body = `${line.slice(0, at)}}`;
  if ((record as { seal: string }).seal !== sealOf(body)) return { problem: `the record of "${String((record as { student?: unknown }).student)}" was changed after infralint wrote it` };
  delete (record as { seal?: string }).seal;
  const problem = recordProblem(record as Record<string, unknown>);
  return problem ? { problem } : { record: record as StudentRecord };
}

/** What is missing from a record (a shape infralint never writes), or null. */
function recordProblem(r: Record<string, unknown>): string | null {
  if (typeof r.student !== 'string' || !r.student) return 'a record without a student';
  if (r.status !== 'graded' && r.status !== 'error' && r.status !== 'not-submitted') return `the record of "${r.student}" has no status`;
  if (!Array.isArray(r.tasks) || typeof r.feedback !== 'string' || typeof r.error !== 'string') return `the record of "${r.student}" lacks its tasks, feedback or error`;
  const features = r.features as { tasks?: Partial<Record<keyof TaskSketch, unknown>>[] } | null;
  const sketchOk = (t: Partial<Record<keyof TaskSketch, unknown>>) => t && typeof t.task === 'string' && typeof t.minhash === 'string' && typeof t.where === 'string' && Array.isArray(t.files) && typeof t.size === 'number';
  if (!features || !Array.isArray(features.tasks) || !features.tasks.every(sketchOk)) return `the record of "${r.student}" lacks its similarity features`;
  const inputs = r.inputs as { config?: unknown; probes?: unknown } | null;
  if (inputs !== null && (typeof inputs !== 'object' || typeof inputs.config !== 'string' || !Array.isArray(inputs.probes))) return `the record of "${r.student}" lacks its inputs (config and probes)`;
  return null;
}

/**
 * The records of a results file after its header, streamed and checked: each line a sealed record,
 * students in order and once, and the closing line with their number. Anything else is a
 * UsageError naming the file and the line, never a silently shorter or altered cohort.
 */
export async function* resultRecords(file: string): AsyncGenerator<StudentRecord> {
  const fail = (line: number, why: string): never => {
    throw new UsageError(`${file}:${line}: ${why}; grade again (without --resume), or restore the file infralint wrote`);
  };
  let lineNo = 0;
  let count = 0;
  let last: string | null = null;
  let ended = false;
  for await (const line of jsonLines(file)) {
    lineNo++;
    if (lineNo === 1) continue;
    if (ended) fail(lineNo, 'text after the closing line');
    if (line.startsWith('{"infralint":"grade-results-end"')) {
      let trailer: ResultsTrailer | null = null;
      try {
        trailer = JSON.parse(line) as ResultsTrailer;
      } catch {
        trailer = null;
      }
      if (!trailer || trailer.students !== count) fail(lineNo, `the closing line counts ${trailer?.students ?? '?'} students, but ${count} records precede it (records were removed or added)`);
      ended = true;
      continue;
    }
    const outcome = unsealRecordLine(line);
    if ('problem' in outcome) return fail(lineNo, outcome.problem);
    const { record } = outcome;
    if (last !== null && !(record.student > last)) fail(lineNo, `"${record.student}" is out of order or repeated`);
    last = record.student;
    count++;
    yield record;
  }
  if (!ended) fail(lineNo, `the file ends without its closing line (${count} records read): the run that wrote it did not finish, or the file was cut`);
}

/** Opens a results file and checks that it is one infralint wrote; reads only its header line. */
export async function openResults(file: string): Promise<ResultsReader> {
  let first: string;
  try {
    // A regular file only: reading a named pipe would wait for a writer forever.
    if (!statSync(file).isFile()) throw new UsageError(`${file} is not a regular file`);
    first = await firstLine(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let header: ResultsHeader | null = null;
  try {
    header = first ? (JSON.parse(first) as ResultsHeader) : null;
  } catch {
    header = null;
  }
  if (!header || header.infralint !== 'grade-results') throw new UsageError(`${file} is not a results file of infralint grade`);
  return { file, header, records: () => resultRecords(file) };
}

/** Merges sorted record streams into one sorted stream; a student in two streams is an error. */
export async function* mergeSorted(streams: AsyncGenerator<StudentRecord>[]): AsyncGenerator<StudentRecord> {
  const heads = await Promise.all(streams.map(async (s) => (await s.next()).value as StudentRecord | undefined));
  let last: string | null = null;
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i];
      if (head && (best < 0 || head.student < heads[best]!.student)) best = i;
    }
    if (best < 0) return;
    const record = heads[best]!;
    if (record.student === last) throw new UsageError(`student "${record.student}" appears in two results files`);
    last = record.student;
    yield record;
    heads[best] = (await streams[best]!.next()).value as StudentRecord | undefined;
  }
}
