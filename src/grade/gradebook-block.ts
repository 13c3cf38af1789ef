import { cachedByObject } from '../bounded-cache.js';
import { jsonSafe } from '../chars.js';
import { ByteArena, writeUtf8 } from './byte-arena.js';
import { GradebookCsv, ProjectCsv, projectTotal, type GradebookEntry, type GradebookLayout } from './gradebook.js';

/**
 * A student's part of the gradebooks, rendered where the student is graded (a worker): the main
 * thread, which writes the gradebooks once the whole cohort's similarity is known, then copies bytes
 * and adds the similar_to cells, instead of parsing each entry back and rendering its rows. On many
 * cores that thread is what caps a run.
 *
 * Layout: the parts (UTF-8), then a line feed and the parts' byte lengths (ASCII, space-separated,
 * last so that the parts are encoded once, straight where they go, and counted as they are): the
 * gradebook entry (JSON, for the gradebook exports), the student's object of gradebook.json without
 * its similarTo member and closing brace, project.csv's row before and after its similar_to cell,
 * then gradebook.csv's rows the same way, one pair a task.
 */
export interface GradebookBlock {
  entry: Uint8Array;
  json: Uint8Array;
  project: [before: Uint8Array, after: Uint8Array];
  rows: [before: Uint8Array, after: Uint8Array][];
}

/** Renderers by layout: a worker renders every student of its run with the same two. */
const rendererOf = cachedByObject((layout: GradebookLayout) => ({ csv: new GradebookCsv(layout), project: new ProjectCsv(layout) }));

/** The block of `entry`; `arena`: where to write it (a worker's batch); by default, a buffer of its own. */
export function gradebookBlock(entry: GradebookEntry, layout: GradebookLayout, arena: ByteArena = new ByteArena(0)): Uint8Array {
  const renderer = rendererOf(layout);
  const entryJson = JSON.stringify(entry);
  // The entry's object with its project total last, as `{ ...entry, project }` writes it (an entry
  // has no `project` of its own), without writing the entry a second time. jsonSafe: the C1 and bidi
  // controls JSON.stringify leaves raw are escaped (the file may be printed).
  const json = jsonSafe(`${entryJson.slice(0, -1)},"project":${JSON.stringify(projectTotal(entry, layout.tasks))}`);
  const project = renderer.project.rowParts(entry);
  const parts = [entryJson, json, project.before, project.after, ...renderer.csv.rowParts(entry).flatMap((row) => [row.before, row.after])];
  // Each part encoded once, into the arena, and its length read off the encoding.
  const { room, lengths, end } = arena.utf8(parts, 1 + LENGTH_DIGITS * parts.length);
  return arena.keep(end + writeUtf8(`\n${lengths.join(' ')}`, room, end));
}

/** Room for one part's length in the last line: up to 10 digits and a space (a part is under 4 GB). */
const LENGTH_DIGITS = 11;

/** The parts of a block (views, no copy). */
export function gradebookBlockParts(block: Uint8Array): GradebookBlock {
  // The lengths line holds no line feed: the block's last one ends the parts.
  const partsEnd = block.lastIndexOf(10);
  const lengths = Buffer.from(block.buffer, block.byteOffset + partsEnd + 1, block.byteLength - partsEnd - 1).toString('latin1').split(' ').map(Number);
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const length of lengths) {
    parts.push(block.subarray(at, at + length));
    at += length;
  }
  const [entry, json, projectBefore, projectAfter, ...rows] = parts;
  if (partsEnd < 0 || !entry || !json || !projectBefore || !projectAfter || rows.length % 2 || at !== partsEnd) throw new Error('a gradebook block infralint did not write');
  return { entry, json, project: [projectBefore, projectAfter], rows: Array.from({ length: rows.length / 2 }, (_, i) => [rows[2 * i]!, rows[2 * i + 1]!]) };
}
