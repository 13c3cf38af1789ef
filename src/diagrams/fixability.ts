/**
 * Whether `infralint check --fix` can repair each Mermaid error code (rules/docs/mermaid-errors.md
 * shows the same column; test/unit/fix-model.test.ts holds the two equal):
 * - `safe`: one repair only, that keeps what the student drew (quoting a label, `->` to `-->`...);
 *   applied by `--fix` once the fixed diagram parses and keeps every component and edge;
 * - `suggestion`: a likely repair that guesses something the student must confirm; named in the
 *   hint, never applied to a diagram;
 * - `no`: only the student knows what was meant.
 */
export type Fixability = 'safe' | 'suggestion' | 'no';

export const FIXABILITY: Readonly<Record<string, Fixability>> = {
  'unquoted-parenthesis-in-label': 'safe',
  'unquoted-special-in-label': 'safe',
  'end-as-node-id': 'safe',
  'single-dash-arrow': 'safe',
  'space-before-shape': 'safe',
  'comment-after-statement': 'safe',
  'bad-direction': 'safe',
  'missing-header': 'safe',
  'unclosed-subgraph': 'suggestion',
  'unclosed-label': 'safe',
  'unclosed-quote': 'safe',
  'end-without-subgraph': 'safe',
  'unexpected-end': 'no',
  'unexpected-character': 'no',
  'syntax-error': 'no',
  'front-matter-not-first': 'safe',
  'unclosed-front-matter': 'no',
  'unknown-diagram-type': 'no',
  'misspelt-diagram-type': 'safe',
  'missing-diagram-type': 'suggestion',
  'unknown-shape': 'no',
  'bad-shape-data': 'no',
  'subgraph-without-name': 'no',
  'too-many-edges': 'no',
  'link-style-out-of-bounds': 'no',
  'message-without-colon': 'safe',
  'keyword-as-participant': 'suggestion',
  'unclosed-block': 'suggestion',
  'end-without-block': 'no',
  'note-too-many-actors': 'no',
  'inactive-participant': 'no',
  'participant-in-two-boxes': 'no',
  'create-without-message': 'no',
  'destroy-without-message': 'no',
  'bad-participant-config': 'no',
  'architecture-syntax': 'no',
  'architecture-too-large': 'no',
};

/** How fixable an error code is (`no` for a code this table does not know). */
export function fixabilityOf(code: string): Fixability {
  return FIXABILITY[code] ?? 'no';
}
