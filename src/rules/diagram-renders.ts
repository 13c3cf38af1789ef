import type { RuleFinding, RuleModule } from './rule.js';

/** Every Mermaid block parses as real Mermaid would parse it, so it renders on GitHub. */
export const diagramRenders: RuleModule = {
  meta: {
    id: 'diagram-renders',
    description: 'Every Mermaid block parses exactly as the real Mermaid parser would (so it renders on GitHub).',
    diagramBased: true,
    whenTaskMissing: 'fail',
    judgesText: true,
  },
  check({ submission, graphs }) {
    const findings: RuleFinding[] = [];
    let broken = 0;
    for (const d of submission.diagrams) {
      const at = (line: number, column: number) => ({ file: d.file, line: d.line + line - 1, column: column + d.indent });
      let bad = false;
      const drawing = d.origin === 'file' && d.parse.kind === 'unknown' ? submission.visuals.find((v) => v.kind === 'ascii-art' && v.file === d.file) : undefined;
      if (drawing) {
        // A `.mmd` file is Mermaid source by its name: a drawing in it is no diagram Mermaid can render.
        bad = true;
        findings.push({
          message: `${d.file} is not Mermaid: it holds a drawing made of text (ASCII art), which Mermaid cannot render; a person must look at it.`,
          at: { file: d.file, line: drawing.line, column: 1 },
          hint: 'Write the diagram in Mermaid in this file, starting with a diagram type, e.g. `flowchart LR` then `User --> DNS --> Web["Web server (Nginx)"]`.',
        });
      } else if (!d.parse.valid) {
        bad = true;
        // The first error is the one Mermaid reports; later ones come from our recovery and are
        // shown too, so that a student can fix several typos in one round.
        for (const [i, e] of d.parse.errors.slice(0, 5).entries()) {
          findings.push({
            message: `${i === 0 ? '' : 'Also: '}${e.message}${e.text?.trim() && !e.message.includes(e.text) ? ` (at \`${e.text.trim()}\`)` : ''} [${e.code}]`,
            severity: i === 0 ? 'error' : 'warning',
            // At the mistake itself when Mermaid fails later (an unclosed subgraph: at its `subgraph`).
            at: at(e.cause?.line ?? e.line, e.cause?.column ?? e.column),
            ...(e.hint ? { hint: e.hint } : {}),
            // The diagram's whole repair rides on the error Mermaid reports (one fix, ESLint's way).
            ...(i === 0 && d.fix ? { fix: d.fix } : {}),
          });
        }
      }
      if (d.origin === 'unfenced') {
        bad = true;
        findings.push({
          message: 'This Mermaid diagram is not in a ```mermaid fence, so GitHub shows it as plain text.',
          at: at(1, 1),
          hint: 'Put the diagram between a line ```mermaid and a line ```.',
          ...(d.parse.valid && d.fix ? { fix: d.fix } : {}),
        });
      } else if (d.origin === 'fence' && !d.closed && d.swallowedFrom !== undefined) {
        // The one mistake: the text after the diagram became part of it (its parse errors are that text's).
        bad = true;
        findings.push({
          message: `The \`\`\`mermaid fence opened on line ${d.line - 1} is never closed, so the text from line ${d.swallowedFrom} to the end of the file became part of the diagram, and Mermaid cannot draw it.`,
          at: { file: d.file, line: d.swallowedFrom, column: 1 },
          hint: `Close the diagram with a line holding only \`\`\` before line ${d.swallowedFrom}.`,
        });
      } else if (d.origin === 'fence' && !d.closed) {
        // GitHub closes the fence at the end of the file: the diagram renders when its content parses.
        findings.push({
          message: 'The ```mermaid fence is never closed; GitHub closes it at the end of the file, but anything written below it will become part of the diagram.',
          severity: 'info',
          at: { file: d.file, line: d.line - 1, column: 1 },
          hint: 'Close the block with a line holding only ```.',
        });
      }
      if (d.parse.kind === 'unsupported') {
        findings.push({ message: `\`${d.parse.typeWord}\` diagrams are not analysed by infralint; a mentor will read this one.`, severity: 'info', at: at(1, 1) });
      }
      if (bad) broken++;
    }
    const total = submission.diagrams.length;
    // Only diagram types infralint does not parse: nothing was judged, a person must look.
    if (broken === 0 && graphs.length === 0) return { status: 'manual', message: 'The diagram is of a type infralint does not read: a person must check this.', findings };
    if (broken === 0) return { status: 'pass', message: `${total === 1 ? 'The diagram renders' : `All ${total} diagrams render`}.`, findings };
    return { status: 'fail', message: `${broken} of ${total} diagram${total === 1 ? '' : 's'} will not render on GitHub.`, findings };
  },
};
