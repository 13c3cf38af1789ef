import { ByteArena } from '../../src/grade/byte-arena.js';
import { gradebookBlock, gradebookBlockParts } from '../../src/grade/gradebook-block.js';
import type { GradebookEntry, GradebookLayout } from '../../src/grade/gradebook.js';
import { sealedRecordBytes } from '../../src/grade/results-file.js';

const layout: GradebookLayout = { tasks: ['3-scale_up'], rules: { '3-scale_up': ['https'] } };
const entryOf = (student: string, name: string) => ({
  student, name, email: '', status: 'graded', tasks: [{
    task: '3-scale_up', path: '3-scale_up.md', score: 50, maxScore: 100, manualPoints: 0, threshold: 70, passed: false, verdict: 'failed', final: 50,
    rules: { https: { status: 'fail', points: 0, maxPoints: 10, message: `no "https", ${name}` } },
  }],
}) as unknown as GradebookEntry;
// Names with two-, three- and four-byte characters, a lone surrogate, quotes and a line feed; text
// mostly of three-byte characters takes more room than the arena first tries (then counted exactly).
const names = ['Ann', 'Zoë "Z", second\nline', 'Ωμέγα ✓', 'emoji 🙂 and \ud800 alone', 'x'.repeat(5000), '東京'.repeat(3000), '🙂'.repeat(2000)];

describe('ByteArena: a worker\'s results lines and gradebook blocks written into shared chunks', () => {
  it('writes the same bytes as a buffer of their own, and never over an earlier write', () => {
    // Chunks smaller than a write: each write gets a chunk of its own, of its size.
    const arena = new ByteArena(64);
    const roomy = new ByteArena();
    const written: [Uint8Array, Uint8Array][] = [];
    for (const [k, name] of names.entries()) {
      const record = JSON.stringify({ student: `s${k}`, name, feedback: `## ${name}\n` });
      written.push([sealedRecordBytes(record, arena), sealedRecordBytes(record)], [sealedRecordBytes(record, roomy), sealedRecordBytes(record)]);
      const entry = entryOf(`s${k}`, name);
      written.push([gradebookBlock(entry, layout, arena), gradebookBlock(entry, layout)], [gradebookBlock(entry, layout, roomy), gradebookBlock(entry, layout)]);
    }
    for (const [inArena, own] of written) expect(Buffer.from(inArena).equals(Buffer.from(own))).toBe(true);
    const parts = gradebookBlockParts(written[6]![0]);
    expect(JSON.parse(Buffer.from(parts.entry).toString('utf8'))).toEqual(entryOf('s1', names[1]!));
  });

  it('seals a line as the results file reads it back: the record\'s JSON with its seal member', () => {
    const line = Buffer.from(sealedRecordBytes('{"student":"é"}', new ByteArena())).toString('utf8');
    expect(line).toMatch(/^\{"student":"é","seal":"[A-Za-z0-9+/]{27}="\}\n$/);
  });
});
