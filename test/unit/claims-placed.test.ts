// claimsOf reads each distinct block once (a cohort repeats its headings and template lines): the
// claims of a block read again must be placed where that block stands, and depend on what it sits
// under, not only on its text.
import { analyseProse } from '../../src/prose/analyze-prose.js';
import { claimsOf } from '../../src/prose/claims.js';
import type { ProseBlock } from '../../src/markdown/parse-markdown.js';

function paragraph(text: string, line: number, headingPath: string[] = []): ProseBlock {
  return { kind: 'paragraph', text, line, headingPath };
}

describe('claimsOf on blocks read before', () => {
  const text = 'We use two load balancers in an active-passive cluster.';

  it('places the claims of a repeated block at each block, in each file', () => {
    const first = claimsOf(analyseProse([{ file: 'a.md', blocks: [paragraph(text, 3)] }]));
    const again = claimsOf(analyseProse([{ file: 'b.md', blocks: [paragraph('Intro.', 1), paragraph(text, 7)] }]));
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((c) => c.file === 'a.md' && c.line === 3)).toBe(true);
    expect(again.filter((c) => c.line === 7).map((c) => ({ ...c, file: 'a.md', line: 3 }))).toEqual(first);
    expect(again.every((c) => c.file === 'b.md')).toBe(true);
  });

  it('reads the same text under an issues heading as the issues section it is', () => {
    const plain = claimsOf(analyseProse([{ file: 'a.md', blocks: [paragraph(text, 3, ['Design'])] }]));
    const issues = claimsOf(analyseProse([{ file: 'a.md', blocks: [paragraph(text, 3, ['Issues'])] }]));
    expect(plain.some((c) => c.kind === 'cluster-mode')).toBe(true);
    expect(issues.some((c) => c.kind === 'cluster-mode')).toBe(false);
  });
});
