import type { ArchitectureAst, DiagramError, DiagramParse, DiagramPos } from '../types.js';

interface CstRange {
  $cstNode?: { range: { start: { line: number; character: number } } };
}

function posOf(node: CstRange): DiagramPos {
  const start = node.$cstNode?.range.start;
  return start ? { line: start.line + 1, column: start.character + 1 } : { line: 1, column: 1 };
}

/**
 * `architecture-beta` goes through Mermaid's own Langium parser. It is imported lazily: it costs
 * tens of milliseconds, and most submissions have no architecture diagram.
 */
export async function parseArchitecture(raw: string): Promise<DiagramParse> {
  const text = raw.replace(/\r\n?/g, '\n');
  // Mermaid's parser recovers from each bad token by throwing: about 30 µs a byte of junk, so 1 MB
  // took half a minute. A real architecture diagram is a few kilobytes; a larger one is not read.
  if (text.length > MAX_ARCHITECTURE_BYTES) {
    return {
      kind: 'architecture',
      typeWord: 'architecture-beta',
      valid: false,
      errors: [{
        code: 'architecture-too-large',
        message: `This architecture-beta diagram is ${Math.round(text.length / 1024)} KB; infralint reads one of at most ${MAX_ARCHITECTURE_BYTES / 1024} KB.`,
        line: 1,
        column: 1,
        hint: 'An architecture diagram of a web stack is a few dozen lines: check that the right text is in the block.',
      }],
      ast: null,
    };
  }
  const { parse } = await import('@mermaid-js/parser');
  try {
    const result = (await parse('architecture', text)) as unknown as RawArchitecture;
    return { kind: 'architecture', typeWord: 'architecture-beta', valid: true, errors: [], ast: toAst(result) };
  } catch (error) {
    const detail = error as { message?: string; result?: { parserErrors?: RawError[]; lexerErrors?: RawLexError[]; value?: RawArchitecture } };
    const errors: DiagramError[] = [];
    for (const e of detail.result?.lexerErrors ?? []) {
      errors.push({ code: 'architecture-syntax', message: e.message, line: e.line ?? 1, column: e.column ?? 1, hint: ARCH_HINT });
    }
    for (const e of detail.result?.parserErrors ?? []) {
      const line = Number.isFinite(e.token?.startLine) ? e.token!.startLine! : 1;
      const column = Number.isFinite(e.token?.startColumn) ? e.token!.startColumn! : 1;
      errors.push({ code: 'architecture-syntax', message: e.message, line, column, ...(e.token?.image ? { text: e.token.image } : {}), hint: ARCH_HINT });
    }
    if (errors.length === 0) errors.push({ code: 'architecture-syntax', message: String(detail.message ?? error), line: 1, column: 1 });
    const ast = detail.result?.value ? safeAst(detail.result.value) : null;
    return { kind: 'architecture', typeWord: 'architecture-beta', valid: false, errors, ast };
  }
}

/** The largest architecture-beta diagram handed to Mermaid's parser (see parseArchitecture). */
export const MAX_ARCHITECTURE_BYTES = 64 * 1024;

const ARCH_HINT = 'Check the line against `service id(icon)[Title] in group` and `a:R --> L:b`; titles with spaces or punctuation may need simpler wording.';

interface RawError {
  message: string;
  token?: { startLine?: number; startColumn?: number; image?: string };
}
interface RawLexError {
  message: string;
  line?: number;
  column?: number;
}
interface RawNode extends CstRange {
  id: string;
  icon?: string;
  iconText?: string;
  title?: string;
  in?: string;
}
interface RawEdge extends CstRange {
  lhsId: string;
  rhsId: string;
  lhsInto?: boolean;
  rhsInto?: boolean;
  title?: string;
}
interface RawArchitecture {
  services?: RawNode[];
  junctions?: RawNode[];
  groups?: RawNode[];
  edges?: RawEdge[];
}

function stripTitle(t: string | undefined): string {
  return (typeof t === 'string' ? t : '').replace(/^\[|\]$/g, '').replace(/^"(.*)"$/, '$1').trim();
}

function safeAst(raw: RawArchitecture): ArchitectureAst | null {
  try {
    return toAst(raw);
  } catch {
    return null;
  }
}

/**
 * Nodes that have an id. After a syntax error, Langium's partial value may hold a node whose fields
 * were never read (`service` alone on a line has no id): such a node is no part of the graph.
 */
function named<T extends { id?: unknown }>(nodes: T[] | undefined): (T & { id: string })[] {
  return (nodes ?? []).filter((n): n is T & { id: string } => typeof n?.id === 'string' && n.id !== '');
}

function toAst(raw: RawArchitecture): ArchitectureAst {
  return {
    kind: 'architecture',
    services: [
      ...named(raw.services).map((s) => ({ id: s.id, title: stripTitle(s.title) || (typeof s.iconText === 'string' ? s.iconText : '') || s.id, icon: typeof s.icon === 'string' ? s.icon : null, in: typeof s.in === 'string' ? s.in : null, kind: 'service' as const, pos: posOf(s) })),
      ...named(raw.junctions).map((j) => ({ id: j.id, title: j.id, icon: null, in: j.in ?? null, kind: 'junction' as const, pos: posOf(j) })),
    ],
    groups: named(raw.groups).map((g) => ({ id: g.id, title: stripTitle(g.title) || g.id, icon: g.icon ?? null, in: g.in ?? null, pos: posOf(g) })),
    edges: (raw.edges ?? []).filter((e) => typeof e?.lhsId === 'string' && typeof e.rhsId === 'string').map((e) => ({
      from: e.lhsId,
      to: e.rhsId,
      title: stripTitle(e.title),
      directed: Boolean(e.lhsInto || e.rhsInto),
      bidirectional: Boolean(e.lhsInto && e.rhsInto) || !(e.lhsInto || e.rhsInto),
      pos: posOf(e),
    })),
  };
}
