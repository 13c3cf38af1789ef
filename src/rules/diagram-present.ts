import { describe } from './diagram-helpers.js';
import type { RuleModule } from './rule.js';

/** At least one diagram that can be read as text. Images are for a person to look at. */
export const diagramPresent: RuleModule = {
  meta: {
    id: 'diagram-present',
    description: 'At least one diagram that can be read as text (Mermaid in the task file, or a Mermaid/markdown file it links to or that sits beside it).',
    diagramBased: false,
    whenTaskMissing: 'fail',
  },
  check({ submission, graphs }) {
    const readable = submission.diagrams.filter((d) => d.parse.kind !== 'unknown' || d.origin === 'fence');
    if (readable.length > 0) {
      const where = readable.map((d) => `${d.file}:${d.line}`).join(', ');
      // Boxes whose role infralint cannot tell are said, not guessed: the student can name them better.
      const unclassified = graphs.flatMap((g) => g.components.filter((c) => c.roles.length === 1 && c.roles[0] === 'other'));
      const findings = unclassified.slice(0, 10).map((c) => ({
        message: `infralint cannot tell what ${describe(c)} is; it is treated as a plain box on the way.`,
        severity: 'info' as const,
        at: c.source,
        hint: 'Name the component in its label, e.g. `W1[Web server 1: Nginx]`.',
      }));
      return { status: 'pass', message: `${readable.length} Mermaid diagram${readable.length === 1 ? '' : 's'} (${where}).`, findings };
    }
    // A `.mmd` file that is no Mermaid at all but a text drawing: said first, it is what the student must change.
    const drawnMmd = submission.visuals.filter((v) => v.kind === 'ascii-art' && submission.diagrams.some((d) => d.file === v.file && d.origin === 'file'));
    const visual = drawnMmd[0] ?? submission.visuals[0];
    if (visual) {
      const what = visual.kind === 'ascii-art' ? 'ASCII art' : visual.kind === 'image-file' ? `the image file ${visual.target}` : `an image or link (${visual.target})`;
      return {
        status: 'manual',
        message: drawnMmd.length ? `${visual.file} is ASCII art, not Mermaid: a person must look at it.` : `The diagram is ${what}: a person must look at it.`,
        findings: [{
          message: drawnMmd.length
            ? `${visual.file} holds ASCII art, not Mermaid source, which infralint cannot read; the diagram rules await a mentor's review.`
            : `The diagram is ${what}, which infralint cannot read; the diagram rules await a mentor's review.`,
          severity: 'info',
          at: { file: visual.file, line: visual.line, column: 1 },
          hint: drawnMmd.length
            ? 'Write the diagram in Mermaid (`flowchart LR` ...) in this file, and infralint can check it before you submit.'
            : 'Draw it in a ```mermaid block as well, and infralint can check it before you submit.',
        }],
      };
    }
    return { status: 'fail', message: 'No diagram: neither Mermaid text nor an image.', findings: [{ message: 'The submission has no diagram.', hint: 'Add a ```mermaid block (for example `flowchart LR`) that draws the infrastructure.' }] };
  },
};
