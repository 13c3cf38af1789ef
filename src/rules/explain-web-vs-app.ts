import type { AnalysedBlock } from '../prose/analyze-prose.js';
import { APP_TRAITS, TOPIC_PATTERNS, WEB_TRAITS } from '../prose/vocabulary.js';
import type { RuleModule } from './rule.js';
import { normaliseText } from '../graph/roles.js';

const CLAUSE_BREAK = /[.;!?]\s|\bwhile\b|\bwhereas\b|\bbut\b|\bon the other hand\b|\bin contrast\b|\bunlike\b/;

const OBJECT_PHRASE = new RegExp(`\\b(to|from|with|towards|via|behind|than) (the |an? |its |their )?(?:${TOPIC_PATTERNS['web-server'].source}|${TOPIC_PATTERNS['app-server'].source})`, 'g');

/** Splits a block into clauses and says which server each clause characterises. */
function characterisations(block: AnalysedBlock): { web: boolean; app: boolean } {
  const result = { web: false, app: false };
  let subject: 'web' | 'app' | null = inheritedSubject(block);
  for (const clause of block.norm.split(CLAUSE_BREAK)) {
    // "forwards dynamic requests to the application server" is about the web server: a server
    // named after to/from/with is the object of the clause, not its subject.
    const subjects = clause.replace(OBJECT_PHRASE, ' ');
    const web = TOPIC_PATTERNS['web-server'].exec(subjects);
    const app = TOPIC_PATTERNS['app-server'].exec(subjects);
    if (web && (!app || web.index < app.index)) subject = 'web';
    else if (app) subject = 'app';
    if (subject === 'web' && WEB_TRAITS.test(clause)) result.web = true;
    if (subject === 'app' && APP_TRAITS.test(clause)) result.app = true;
  }
  return result;
}

/** The prose tells the web server (HTTP, static content) from the application server (dynamic content, logic). */
export const explainWebVsApp: RuleModule = {
  meta: {
    id: 'explain-web-vs-app',
    description: 'The prose distinguishes the web server (HTTP, static content, reverse proxy) from the application server (dynamic content, business logic).',
    diagramBased: false,
    whenTaskMissing: 'fail',
  },
  check({ prose, submission }) {
    let web: AnalysedBlock | null = null;
    let app: AnalysedBlock | null = null;
    for (const block of prose.blocks) {
      if (block.kind === 'heading' || block.inIssuesSection) continue;
      const found = characterisations(block);
      if (found.web) web ??= block;
      if (found.app) app ??= block;
    }
    const at = submission.taskFile ? { file: submission.taskFile.relPath, line: 1, column: 1 } : null;
    const findings = [
      ...(web ? [] : [{ message: 'The web server is never characterised (HTTP requests, static content, reverse proxy).', at, hint: 'E.g. "The web server (Nginx) handles HTTP requests and serves static files."' }]),
      ...(app ? [] : [{ message: 'The application server is never characterised (dynamic content, business logic).', at, hint: 'E.g. "The application server (Gunicorn) runs the code that builds dynamic pages."' }]),
    ];
    // Telling them apart needs both sides: one side alone distinguishes nothing, so no partial credit.
    if (web && app) return { status: 'pass', message: `Web server (line ${web.line}) and application server (line ${app.line}) are told apart.` };
    return { status: 'fail', message: findings.map((f) => f.message).join(' '), findings };
  },
};

/**
 * The server the block's context is about: the nearest list lead or heading that names one of them
 * ("Functions:" under "### Web Server" under "## Application Server vs Web Server" is the web server;
 * so is a plain-text title line such as "2. Web Server").
 */
function inheritedSubject(block: AnalysedBlock): 'web' | 'app' | null {
  // Nearest first: the list items it is nested under, the title line above it, then the headings.
  for (const context of [...block.headingPath, ...(block.title ? [block.title] : []), ...(block.listPath ?? [])].reverse()) {
    const topics = topicsOfText(context);
    // "Application Server vs Web Server", or a lead naming both: says nothing about which one.
    if (topics.has('web-server') && topics.has('app-server')) continue;
    if (topics.has('web-server')) return 'web';
    if (topics.has('app-server')) return 'app';
  }
  return null;
}

function topicsOfText(text: string): Set<'web-server' | 'app-server'> {
  const norm = normaliseText(text);
  const out = new Set<'web-server' | 'app-server'>();
  if (TOPIC_PATTERNS['web-server'].test(norm)) out.add('web-server');
  if (TOPIC_PATTERNS['app-server'].test(norm)) out.add('app-server');
  return out;
}
