import type { RuleFinding, RuleModule } from './rule.js';

/** Every Mermaid block parses as real Mermaid would parse it, so it renders on GitHub. */
export const diagramRenders: RuleModule = {
  meta: {
    id: 'diagram-renders',
    description: 'Every Mermaid block parses exactly as the real Mermaid parser would (so it renders on GitHub).',
    diagramBased: true,
    whenTaskMissing: 'fail',
  },
  check({ submission }) {
    const findings: RuleFinding[] = [];
    let broken = 0;
    for (const d of submission.diagrams) {
      const at = (line: number, column: number) => ({ file: d.file, line: d.line + line - 1, column: column + d.indent });
      let bad = false;
      if (!d.parse.valid) {
        bad = true;
        // The first error is the one Mermaid reports; later ones come from our recovery and are
        // shown too, so that a student can fix several typos in one round.
        for (const [i, e] of d.parse.errors.slice(0, 5).entries()) {
          findings.push({
            message: `${i === 0 ? '' : 'Also: '}${e.message}${e.text && !e.message.includes(e.text) ? ` (at \`${e.text}\`)` : ''} [${e.code}]`,
            severity: i === 0 ? 'error' : 'warning',
            at: at(e.line, e.column),
            ...(e.hint ? { hint: e.hint } : {}),
          });
        }
      }
      if (d.origin === 'unfenced') {
        bad = true;
        findings.push({
          message: 'This Mermaid diagram is not in a ```mermaid fence, so GitHub shows it as plain text.',
          at: at(1, 1),
          hint: 'Put the diagram between a line ```mermaid and a line ```.',
        });
      } else if (d.origin === 'fence' && !d.closed) {
        bad = true;
        findings.push({ message: 'The ```mermaid fence is never closed, so the rest of the file is swallowed by the diagram.', at: { file: d.file, line: d.line - 1, column: 1 }, hint: 'Close the block with a line holding only ```.' });
      }
      if (d.parse.kind === 'unsupported') {
        findings.push({ message: `\`${d.parse.typeWord}\` diagrams are not analysed by infralint; a mentor will read this one.`, severity: 'info', at: at(1, 1) });
      }
      if (bad) broken++;
    }
    const total = submission.diagrams.length;
    if (broken === 0) return { status: 'pass', message: `${total === 1 ? 'The diagram renders' : `All ${total} diagrams render`}.`, findings };
    return { status: 'fail', message: `${broken} of ${total} diagram${total === 1 ? '' : 's'} will not render on GitHub.`, findings };
  },
};
