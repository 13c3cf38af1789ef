/**
 * Role vocabulary: which words in a label, id, shape or icon say what a component is. Built from the
 * way students label their diagrams (see shared/corpus): "HAProxy", "LB1", "Web Server - Nginx",
 * "App Tier", "Data Base", "MySQL Primary", "Sumo Logic agent", "www.foobar.com"...
 */
import { cachedByKey, cachedByString } from '../bounded-cache.js';
import { isRegexSpace } from '../chars.js';
import { affirmedIn } from './absence.js';
import {
  ACTIVE_PASSIVE_TERMS, anyOf, APP_SERVER_NAMES, everyOf, CERTIFICATE_NAMES, CLUSTER_TERMS, CODE_BASE_NAMES, DATABASE_NAMES, FIREWALL_NAMES, LOAD_BALANCER_NAMES, MACHINE_NAMES, MONITORING_NAMES,
  WEB_SERVER_NAMES,
} from '../vocabulary.js';

/** Every role, for options that name one (`{ "role": "firewall" }`). */
export const ROLES = [
  'load-balancer', 'web-server', 'app-server', 'code-base', 'database', 'firewall', 'monitoring', 'dns', 'client', 'internet', 'cdn', 'cache', 'certificate', 'server', 'other',
] as const;
export type Role = (typeof ROLES)[number];

/** The roles that make a machine a tier of the stack (the ones that must not share a host). */
export const TIER_ROLES: readonly Role[] = ['web-server', 'app-server', 'database'];
/** Roles a request may pass through on its way in without counting as a step of the path. */
export const ENTRY_ROLES: readonly Role[] = ['client', 'internet', 'dns', 'cdn'];

// The names of the components are the prose's too (prose/lexicon.ts); labels add the short forms,
// products and shapes students draw boxes with.
const VOCABULARY: [Role, RegExp][] = [
  ['load-balancer', anyOf(...LOAD_BALANCER_NAMES, 'keepalived', 'elb', 'alb', 'nlb', 'traefik', 'reverse proxy lb')],
  ['web-server', anyOf(...WEB_SERVER_NAMES, 'iis', 'caddy', 'lighttpd', 'static (?:content )?server', 'presentation ?(?:tier|layer)')],
  ['app-server', anyOf(
    ...APP_SERVER_NAMES, 'application ?layer', '(?:business|logic) ?(?:tier|layer)', 'nodejs', 'express', 'django', 'flask', 'rails', 'spring ?boot', 'jboss', 'wildfly', 'passenger', 'backend', 'back ?end',
    'api ?server', 'appserver', 'apps?',
  )],
  // The application's files: what the application server runs, not a server of its own.
  ['code-base', anyOf(...CODE_BASE_NAMES)],
  ['database', anyOf(...DATABASE_NAMES, '(?:data|storage|persistence) ?(?:tier|layer)', 'db ?servers?', 'psql', 'mongo\\w*', 'sql ?server', 'sqlite', 'primary', 'replicas?', 'master', 'slaves?', 'rds', 'dbms', 'sql')],
  ['firewall', anyOf(...FIREWALL_NAMES, 'fws?', 'waf')],
  ['monitoring', anyOf(...MONITORING_NAMES, 'monitor\\w*', 'sumologic', 'metrics', 'telemetry', 'data ?collector', 'log ?collector', '(?:node )?exporters?')],
  ['dns', /\b(dns|domain ?name|route ?53|nameservers?)\b|\bwww\b|\b[\w-]+\.(?:com|org|net|io)\b/],
  ['client', /\b(users?|clients?|browsers?|customers?|visitors?|end ?users?|computers?|laptops?|mobiles?|person|people|requester)\b/],
  ['internet', /\b(internet|web ?traffic|wan|cloud)\b/],
  ['cdn', /\b(cdn|cloudflare|akamai|cloudfront)\b/],
  ['cache', /\b(cache|caching|redis|memcached?|varnish)\b/],
  ['certificate', anyOf(...CERTIFICATE_NAMES, 'certs?', '(?:port )?443')],
  ['server', anyOf(...MACHINE_NAMES, 'ec2')],
];

/**
 * Lower-cases, splits camelCase and letter/digit runs and turns separators into spaces, so that
 * `LB1`, `lb_1`, `webServer`, `App-Server` read as words.
 */
export const normaliseText = cachedByString(normalise);

/** normaliseText without its cache, for a caller that caches what it makes of the result (plainText). */
export function normalise(text: string): string {
  // Two passes over the characters instead of seven regular-expression passes: this runs on every
  // label and every block of prose (test/unit/roles.test.ts holds it equal to the regex version).
  let source = text;
  if (source.includes('<')) source = source.replace(/<br\s*\/?>/gi, ' ');
  if (source.includes('&')) source = source.replace(/&[a-z]+;|&#\d+;/gi, ' ');
  let spaced = '';
  let from = 0;
  let previous = KIND_OTHER;
  for (let i = 0; i < source.length; i++) {
    const kind = asciiKind(source.charCodeAt(i));
    // camelCase, letter-digit and digit-letter boundaries become word breaks: LB1, webServer, 2x.
    if ((previous === KIND_LOWER && kind === KIND_UPPER) || (previous !== KIND_OTHER && previous !== KIND_DIGIT && kind === KIND_DIGIT) || (previous === KIND_DIGIT && (kind === KIND_LOWER || kind === KIND_UPPER))) {
      spaced += source.slice(from, i) + ' ';
      from = i;
    }
    previous = kind;
  }
  return collapseSeparators((from === 0 ? source : spaced + source.slice(from)).toLowerCase());
}

/**
 * Runs of separators and spaces made one space, none at either end: the text's code units copied
 * into one buffer and made a string once (joining each word to the text so far made one or two
 * strings a word of every block of prose, flattened later). A text with nothing to collapse is
 * returned as it is.
 */
function collapseSeparators(text: string): string {
  const n = text.length;
  // A text longer than the kept buffer's cap gets a buffer of its own: one 1 MiB file must not
  // hold megabytes for the rest of a worker's run.
  if (collapsed.length < n && n <= MAX_KEPT_BUFFER) collapsed = new Uint16Array(Math.min(MAX_KEPT_BUFFER, Math.max(n, 2 * collapsed.length)));
  const out = n <= collapsed.length ? collapsed : new Uint16Array(n);
  let length = 0;
  let spaceDue = false;
  // A separator or space other than ' ' was read: it becomes ' ', so the text changes.
  let respaced = false;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if ((code < 128 && SEPARATOR[code] === 1) || isRegexSpace(code)) {
      spaceDue = length > 0;
      if (code !== 32) respaced = true;
      continue;
    }
    if (spaceDue) {
      out[length++] = 32;
      spaceDue = false;
    }
    out[length++] = code;
  }
  // As many units kept as read: each run of breaks was one unit inside the text, and a space.
  if (length === n && !respaced) return text;
  let result = '';
  for (let at = 0; at < length; at += DECODE_CHUNK) result += String.fromCharCode.apply(null, out.subarray(at, Math.min(length, at + DECODE_CHUNK)) as unknown as number[]);
  return result;
}
/** The buffer collapseSeparators writes into, grown to the longest text seen up to MAX_KEPT_BUFFER code units. */
let collapsed = new Uint16Array(1024);
const MAX_KEPT_BUFFER = 64 * 1024;
/** Code units made a string per call of String.fromCharCode (its arguments are on the stack). */
const DECODE_CHUNK = 8192;

const KIND_OTHER = 0;
const KIND_LOWER = 1;
const KIND_UPPER = 2;
const KIND_DIGIT = 3;
function asciiKind(code: number): number {
  if (code >= 97 && code <= 122) return KIND_LOWER;
  if (code >= 65 && code <= 90) return KIND_UPPER;
  if (code >= 48 && code <= 57) return KIND_DIGIT;
  return KIND_OTHER;
}

/** `_-/\\|:;,()[]{}"'\`*#+=<>~`: read as spaces. */
const SEPARATOR = new Uint8Array(128);
for (const c of '_-/\\|:;,()[]{}"\'`*#+=<>~') SEPARATOR[c.charCodeAt(0)] = 1;


export interface RoleHints {
  /** Mermaid shape (`cylinder` reads as a database). */
  shape?: string | null;
  /** architecture-beta icon or `@{ icon }`. */
  icon?: string | null;
}

/** Lower case, separators as spaces, the words kept whole ("DataDog" -> "datadog"): see normaliseText for the split form. */
const asWritten = cachedByString((text: string) =>
  text
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/&[a-z]+;|&#\d+;/gi, ' ')
    .toLowerCase()
    .replace(/[_\-/\\|:;,()[\]{}"'`*#+=<>~\s]+/g, ' ')
    .trim(),
);

const ICON_ROLES: Record<string, Role> = {
  database: 'database',
  disk: 'database',
  internet: 'internet',
  cloud: 'internet',
  server: 'server',
};

/**
 * Roles a label (plus id, shape and icon) names. A label may name several ("Server 1: Nginx +
 * MySQL"); generic words ("Server 2") give `server` only when nothing more specific is said.
 */
export function inferRoles(text: string, hints: RoleHints = {}): Role[] {
  // A copy: the kept array is frozen, and a caller may build on what it gets.
  return [...rolesOf({ text, shape: hints.shape ?? null, icon: hints.icon ?? null })];
}

/**
 * inferRoles, each label read once with its shape and icon: a cohort's students label their boxes
 * alike ("Load Balancer", "Web Server 1", "MySQL Primary"), and reading one tries every role's
 * vocabulary on it, up to twice. The key gives the shape's and the icon's lengths, so no two labels share one.
 */
const rolesOf = cachedByKey(
  ({ text, shape, icon }: { text: string; shape: string | null; icon: string | null }) => `${shape?.length ?? -1}:${shape ?? ''}${icon?.length ?? -1}:${icon ?? ''}${text}`,
  ({ text, shape, icon }): readonly Role[] => readRoles(text, { shape, icon }),
  1_000,
);

function readRoles(text: string, hints: RoleHints): Role[] {
  // "DNS: resolves to the load balancer IPs": what follows a relation names another component.
  // An arrow inside a label is a relation too ("DNS: foobar.com → load balancer IP").
  const arrow = ARROW_IN_LABEL.exec(text);
  const related = arrow ? `${text.slice(0, arrow.index).trimEnd()} points to ${text.slice(arrow.index + arrow[0].length).trimStart()}` : text;
  const norm = normaliseText(related).replace(RELATION, '').trim() || normaliseText(text);
  // The label as written, its words not split: "DataDog", "CloudFlare", "DBServer" are the names
  // students give products and machines, which "data dog", "cloud flare" no longer say.
  const written = asWritten(related).replace(RELATION, '').trim();
  const found = new Set<Role>();
  // "No firewall yet" is no firewall: what a label says is absent is not what the box is.
  for (const [role, pattern] of VOCABULARY) if (affirmedIn(norm, pattern) || (written !== norm && affirmedIn(written, pattern))) found.add(role);
  if (hints.shape === 'cylinder' || hints.shape === 'cyl' || hints.shape === 'db' || hints.shape === 'lin-cyl') found.add('database');
  const iconRole = hints.icon ? ICON_ROLES[hints.icon.replace(/^.*:/, '').toLowerCase()] : undefined;
  if (iconRole) found.add(iconRole);
  resolveConflicts(found, norm, related);
  return [...found];
}

/**
 * True when `text` (a title, an arrow's label, a note) names `role` anywhere as something there:
 * "runs the code base", "UFW" on an arrow; not "Issues: no firewall".
 */
export function namesRole(text: string, role: Role): boolean {
  return VOCABULARY.some(([r]) => r === role) && affirmedIn(normaliseText(text), patternOf(role));
}

// The spaces around an arrow are trimmed by hand, not matched: a `\s*` before it was tried from
// every space of a long run (16 KB of spaces in a label took 1.2 s, 64 KB 6.5 s), and a run of
// dashes or equals signs is entered at its first character only, for the same reason.
export const ARROW_IN_LABEL = /→|⟶|➔|➜|⇒|(?<!-)-+>|(?<!=)=+>/;
const RELATION = /\b(resolv\w* to|points? to|pointing to|forwards? to|forwarding to|sends? to|routes? to|redirects? to|connects? to|connected to|talks? to|in front of|behind)\b.*$/;

const SERVER_ROLES: Role[] = ['web-server', 'app-server', 'database', 'load-balancer'];

/** The words that give a label `role` (matched against normalised text). */
export function rolePattern(role: Role): RegExp | undefined {
  return VOCABULARY.find(([r]) => r === role)?.[1];
}

function patternOf(role: Role): RegExp {
  return VOCABULARY.find(([r]) => r === role)![1];
}

/** Where the first word of `role`'s vocabulary stands in `norm` (Infinity when absent). */
function positionOf(role: Role, norm: string): number {
  return patternOf(role).exec(norm)?.index ?? Infinity;
}

const EVERY_CODE_BASE_NAME = everyOf(...CODE_BASE_NAMES);

/** Where two vocabularies overlap, the more specific reading wins. */
function resolveConflicts(found: Set<Role>, norm: string, raw: string): void {
  // "Keepalived VIP", "Virtual IP": the address the balancers share, not a balancer of its own.
  if (found.has('load-balancer') && /\b(?:vip|virtual ?ip|floating ?ip|shared ?ip)\b/.test(norm) && !patternOf('load-balancer').test(norm.replace(/\bkeepalived\b/g, ' '))) found.delete('load-balancer');
  if (found.has('load-balancer')) {
    // "Nginx load balancer", "Primary LB", "LB master": the balancer, not a web server or database.
    if (!/\bweb ?servers?\b/.test(norm)) found.delete('web-server');
    if (!/\b(data ?bases?|dbs?|my ?sql|mariadb|postgre ?s\w*)\b/.test(norm)) found.delete('database');
  }
  if (found.has('app-server') && found.has('web-server') && /\bweb ?app(lication)? ?servers?\b/.test(norm) && !/\bnginx|apache|web ?servers?\b/.test(norm.replace(/web ?app(lication)? ?servers?/, ''))) {
    found.delete('web-server');
  }
  // "App files", "Application code": the application's files, not its server.
  if (found.has('code-base') && found.has('app-server') && !patternOf('app-server').test(norm.replace(EVERY_CODE_BASE_NAME, ' '))) {
    found.delete('app-server');
  }
  if (found.has('monitoring') || found.has('firewall')) {
    // "MySQL monitoring agent", "DB firewall": what it watches or guards is not what it is.
    // "Monitoring client - Web Server", "Firewall (DB server)": named first, the agent is the box
    // and the server after it is where it runs. "Web server 1 + monitoring" is the server.
    const specific = found.has('monitoring') ? 'monitoring' : 'firewall';
    const agentFirst = Math.min(positionOf('monitoring', norm), positionOf('firewall', norm)) < Math.min(...SERVER_ROLES.map((r) => positionOf(r, norm)));
    if (agentFirst || !/\bserver|host|machine\b/.test(norm)) for (const r of SERVER_ROLES) found.delete(r);
    found.add(specific);
  }
  if (found.has('certificate') && found.size > 1) found.delete('certificate');
  if (found.has('dns') && (found.has('load-balancer') || found.has('web-server') || found.has('app-server') || found.has('database'))) found.delete('dns');
  if (found.has('internet') && found.has('client')) found.delete('internet');
  // "CloudFlare", "Cloud CDN": the CDN in front, not the internet.
  if (found.has('cdn')) found.delete('internet');
  // "Apache Tomcat" is one product, an application server ("Apache + Tomcat" are two).
  if (found.has('web-server') && found.has('app-server') && /\bapache[ -]?tomcat\b/i.test(raw) && !/\bnginx|web ?servers?|httpd\b/.test(norm)) found.delete('web-server');
  // "Mobile app", "Web app users": the app the user holds, not an application server.
  if (found.has('client') && found.has('app-server') && !/\bapp(?:lication)? ?servers?\b/.test(norm)) found.delete('app-server');
  if (found.has('cache') && found.has('database') && /\bredis\b/.test(norm) && !/\bdata ?base|my ?sql|sql\b/.test(norm)) found.delete('database');
  // "Server 1 (code base)" is still a machine: the files say what it holds, not what it is.
  const specific = [...found].some((r) => r !== 'server' && r !== 'certificate' && r !== 'code-base');
  if (specific) found.delete('server');
  if (found.has('database') && /\bsql\b/.test(norm) && found.size > 1 && !/\b(data ?bases?|dbs?|my ?sql|mariadb|postgre ?s\w*)\b/.test(norm)) found.delete('database');
}

/** How many machines a single node stands for: "Web Servers x3", "2 HAProxy", "LB1 + LB2". */
export function inferMultiplicity(text: string): number {
  const norm = text.toLowerCase();
  const times = /(?:\bx\s?(\d)\b|\b(\d)\s?x\b|×\s?(\d)|(\d)\s?×)/.exec(norm);
  if (times) return Number(times[1] ?? times[2] ?? times[3] ?? times[4]);
  const counted = /\b(two|three|four|2|3|4)\s+(?:\w+\s+)?(load ?balancers?|haproxy|lbs|servers|instances|nodes|replicas|firewalls|agents|clients|collectors)\b/.exec(norm);
  if (counted) return WORD_NUMBERS[counted[1]!] ?? Number(counted[1]);
  const joined = /\b(lb|load balancer|haproxy|server|web|app|db)\s?(\d)\s*(?:\+|&|and|,)\s*(?:\1\s?)?(\d)\b/.exec(norm);
  if (joined) return 2;
  return 1;
}

const WORD_NUMBERS: Record<string, number> = { two: 2, three: 3, four: 4 };

/** True when a group title names one machine ("Server 1", "Web Server", "Host A") rather than a set. */
export function titleNamesOneMachine(title: string): boolean {
  const norm = normaliseText(title);
  if (/\b(tier|layer|cluster|zone|network|pool|farm|group|subnet|vpc|dmz|servers|hosts|machines|nodes|backend servers|infrastructure|datacenter|data center|region|site|side|frontend|internet|users|clients)\b/.test(norm)) {
    return false;
  }
  return /\b(server|host|machine|vm|instance|droplet|box|node)\b/.test(norm);
}

/** The roles a group of machines may stand for: a tier of the stack, or the load balancers. */
const GROUP_TIER_ROLES: readonly Role[] = [...TIER_ROLES, 'load-balancer'];

/**
 * The role a group's title gives the boxes inside it when it names one tier as a set of machines:
 * "Application tier", "Web servers", "DB cluster", "Data layer", "LB pool". A title naming one
 * machine ("Web Server 1") or no set ("Backend") gives none here.
 */
export function tierOfTitle(title: string): Role | null {
  const norm = normaliseText(title);
  if (!/\b(tiers?|layers?|clusters?|pools?|farms?|groups?|servers|nodes|instances|fleet)\b/.test(norm)) return null;
  const roles = inferRoles(title).filter((r) => GROUP_TIER_ROLES.includes(r));
  return roles.length === 1 ? roles[0]! : null;
}

/** True when a group title says its members work as a cluster / HA pair. */
export function titleNamesCluster(text: string): boolean {
  return CLUSTER_WORDS.test(normaliseText(text));
}

/** Words of a label that say its load balancers work as a cluster: the prose's cluster terms, and the shorter words of labels. */
export const CLUSTER_WORDS = anyOf(
  ...CLUSTER_TERMS, ...ACTIVE_PASSIVE_TERMS, 'active', 'passive', 'standby', 'stand by', 'primary ?backup', 'backup', 'high ?availability', 'ha', 'sync\\w*', 'shared ?ip', 'redundan\\w*', 'pair',
);
