import { cachedByString } from '../bounded-cache.js';
import { readingOf, readsLanguage, type ReadClause } from '../prose/analyze-prose.js';
import { mentionsOf, type Mention } from '../prose/elements.js';
import { anyOf, APP_SERVER_NAMES, APP_TRAITS, WEB_SERVER_NAMES, WEB_TRAITS } from '../prose/lexicon.js';
import { commaSegments, plainText } from '../prose/sentences.js';
import { unreadLanguage } from './prose-helpers.js';
import type { RuleModule } from './rule.js';

type Side = 'web' | 'app';

const WEB = anyOf(...WEB_TRAITS);
const APP = anyOf(...APP_TRAITS);
/** A server named after one of these is the object of its clause, not the one it characterises. */
const OBJECT_BEFORE = /\b(?:to|from|with|towards|via|behind|than|by|unlike|vers|au|aux|du|par|avec|contrairement a)(?: (?:the|an?|its|their|le|la|les|l))?\s*$/;
/** "which runs the code": a relative clause about the noun before it. */
const RELATIVE = /^(?:which|that|who|where|qui|ou)\b/;
/** "the first ..., the second ...", "the former / the latter": the servers in the order their context named them. */
const ORDINAL = /^(?:and |while |whereas )?the (first|former|second|latter)\b/;

function sideOf(topic: string): Side | null {
  return topic === 'web-server' ? 'web' : topic === 'app-server' ? 'app' : null;
}

/** The server a piece of a clause names as its subject (the first one named not as an object), or null: then the one carried. */
function namedSubjectOf(plain: string, mentions: readonly Mention[]): Side | null {
  for (const m of mentions) {
    const side = sideOf(m.topic);
    if (side && !OBJECT_BEFORE.test(plain.slice(0, m.index))) return side;
  }
  // Every server named is an object ("Forwards dynamic requests to Gunicorn"): the subject is the one carried.
  return null;
}

/** A piece of a clause (between its commas, or one per server named as a subject: see bySide) as read whatever carries into it. */
interface PieceReading {
  /** "the first ...", "the latter ...": which of two servers the context named. */
  ordinal: 0 | 1 | null;
  /** ", which runs the code": about the server named just before. */
  relative: boolean;
  /** The server it names as its subject (namedSubjectOf). */
  subject: Side | null;
  /** The last server it names, wherever. */
  lastNamed: Side | null;
  /** It says what a web server, or an application server, does. */
  web: boolean;
  app: boolean;
}

/**
 * The pieces of a clause as read, once per clause text: what a clause carries in changes only how
 * they are put together (characterisations), and the same clauses come back in many students' work.
 */
const piecesOf = cachedByString((raw: string): readonly PieceReading[] => {
  const pieces: PieceReading[] = [];
  for (const commaSegment of commaSegments(raw)) {
    for (const segment of bySide(commaSegment)) {
      const plain = plainText(segment);
      const mentions = mentionsOf(plain);
      const ordinal = ORDINAL.exec(plain);
      const named = mentions.map((m) => sideOf(m.topic)).filter((s): s is Side => s !== null);
      pieces.push({
        ordinal: ordinal ? (/first|former/.test(ordinal[1]!) ? 0 : 1) : null,
        relative: RELATIVE.test(plain),
        subject: namedSubjectOf(plain, mentions),
        lastNamed: named.length ? named[named.length - 1]! : null,
        web: WEB.test(plain),
        app: APP.test(plain),
      });
    }
  }
  return pieces;
});

/**
 * Which servers a clause characterises, segment by segment (its commas): a segment is about the
 * server it names as subject, else about the one before it; a relative segment (", which runs the
 * code") is about the server named just before it.
 */
function characterisations(clause: ReadClause, found: Set<Side>): void {
  // In the order the context named them: "Web server vs application server: the first ..., the second ...".
  const carriedSides = [...(clause.carried ? clause.subject : clause.context)].map(sideOf).filter((s): s is Side => s !== null);
  let subject: Side | null = carriedSides.length === 1 ? carriedSides[0]! : null;
  let lastNamed: Side | null = null;
  for (const piece of piecesOf(clause.raw)) {
    const side = piece.ordinal !== null && carriedSides.length === 2 ? carriedSides[piece.ordinal]! : piece.relative ? lastNamed ?? subject : piece.subject ?? subject;
    if (!piece.relative) subject = side;
    if (side === 'web' && piece.web) found.add('web');
    if (side === 'app' && piece.app) found.add('app');
    if (piece.lastNamed) lastNamed = piece.lastNamed;
  }
}

/** "The web server gives static content and the application server process the logic": one part per server named as a subject. */
function bySide(segment: string): string[] {
  const at = segment.search(SECOND_SUBJECT);
  if (at <= 0) return [segment];
  // "the difference of web server and application server" joins two names, not two statements.
  const first = plainText(segment.slice(0, at));
  return WEB.test(first) || APP.test(first) ? [segment.slice(0, at), segment.slice(at).replace(/^\s*(?:and|et)\s+/i, '')] : [segment];
}
// Read for where it starts alone (search): the server's name is looked ahead at, so that V8 compiles
// the names once, not once for each article before them (148 -> 39 KB of bytecode).
export const SECOND_SUBJECT = new RegExp(`\\s(?:and|et)\\s+(?:the |a |an |our |le |la |l')?(?=(?:${[...WEB_SERVER_NAMES, ...APP_SERVER_NAMES].join('|')})\\b)`, 'i');

/** The prose tells the web server (HTTP, static content) from the application server (dynamic content, logic). */
export const explainWebVsApp: RuleModule = {
  meta: {
    id: 'explain-web-vs-app',
    description: 'The prose distinguishes the web server (HTTP, static content, reverse proxy) from the application server (dynamic content, business logic).',
    diagramBased: false,
    whenTaskMissing: 'fail',
  },
  check({ prose, submission }) {
    if (!readsLanguage(prose)) return unreadLanguage(prose);
    const lines: Partial<Record<Side, number>> = {};
    for (const block of prose.blocks) {
      // The first line of each side is all the verdict needs: once both are found, the rest of the prose changes nothing.
      if (lines.web && lines.app) break;
      if (block.kind === 'heading' || block.inIssuesSection) continue;
      const found = new Set<Side>();
      for (const clause of readingOf(prose, block).clauses) characterisations(clause, found);
      for (const side of found) lines[side] ??= block.line;
    }
    const at = submission.taskFile ? { file: submission.taskFile.relPath, line: 1, column: 1 } : null;
    const findings = [
      ...(lines.web ? [] : [{ message: 'The web server is never characterised (HTTP requests, static content, reverse proxy).', at, hint: 'E.g. "The web server (Nginx) handles HTTP requests and serves static files."' }]),
      ...(lines.app ? [] : [{ message: 'The application server is never characterised (dynamic content, business logic).', at, hint: 'E.g. "The application server (Gunicorn) runs the code that builds dynamic pages."' }]),
    ];
    // Telling them apart needs both sides: one side alone distinguishes nothing, so no partial credit.
    if (lines.web && lines.app) return { status: 'pass', message: `Web server (line ${lines.web}) and application server (line ${lines.app}) are told apart.` };
    return { status: 'fail', message: findings.map((f) => f.message).join(' '), findings };
  },
};
