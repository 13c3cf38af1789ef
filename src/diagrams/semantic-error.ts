/**
 * An error Mermaid raises while building a diagram from parsed statements (not a syntax error):
 * an unknown shape, too many edges, ending an activation that never started... `offset` is in the
 * text the parser read.
 */
export class DiagramSemanticError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly code: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
