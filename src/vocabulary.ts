/**
 * Names shared by every stage that reads what students write: the components of a design and the
 * words of a cluster, in diagram labels (graph/roles.ts) and in prose (prose/lexicon.ts). Each entry
 * is a regex fragment over normalised text (see normaliseText), matched as a whole word.
 */

/** A pattern that matches any of `alternatives` (regex fragments) as whole words. */
export function anyOf(...alternatives: readonly string[]): RegExp {
  return new RegExp(`\\b(?:${alternatives.join('|')})\\b`);
}

/** The same, for every match (`matchAll`). */
export function everyOf(...alternatives: readonly string[]): RegExp {
  return new RegExp(`\\b(?:${alternatives.join('|')})\\b`, 'g');
}

/**
 * The same as anyOf for a caller that reads only whether it matches and where the match starts
 * (`test`, `exec(...).index`), never the text matched: it matches at the same places, but what
 * follows each group of an alternative is looked ahead at, not consumed, one look-ahead inside the
 * other ("A B C" -> "A(?=B(?=C\b))": B then C match after A exactly when "A B C" does). V8 compiles
 * what follows a group once for each of its words, and a look-ahead stops that: "(?:users?|...)
 * (?:\w+ )?(?:cannot|...)" compiled the second list once per word of the first (the outage
 * vocabulary: 197 KB of optimised bytecode, 56 KB so). test/unit/lexicon-patterns.test.ts holds
 * each such pattern to its anyOf.
 */
export function anyStartOf(...alternatives: readonly string[]): RegExp {
  return new RegExp(`\\b(?:${alternatives.map((a) => {
    const ends = groupEnds(a);
    const parts = [0, ...ends].map((from, k) => a.slice(from, ends[k] ?? a.length));
    return `${parts.join('(?=')}\\b${')'.repeat(ends.length)}`;
  }).join('|')})`);
}

/** Where each group of a fragment ends (after its quantifier), when words follow it. */
function groupEnds(fragment: string): number[] {
  const ends: number[] = [];
  let depth = 0;
  for (let i = 0; i < fragment.length; i++) {
    const c = fragment[i];
    if (c === '\\') i++;
    else if (c === '[') while (fragment[i] !== ']') i += fragment[i] === '\\' ? 2 : 1;
    else if (c === '(') depth++;
    else if (c === '|' && depth === 0) throw new Error(`anyStartOf: an alternative holds a bare |: ${fragment}`);
    else if (c === ')' && --depth === 0) {
      const end = i + 1 + (/^(?:[?*+]|\{\d+(?:,\d*)?\})\??/.exec(fragment.slice(i + 1))?.[0].length ?? 0);
      if (end < fragment.length) ends.push(end);
    }
  }
  return ends;
}

// ---------------------------------------------------------------------------------------------
// Components: what the design is made of (the graph's roles use the same names: graph/roles.ts).

export const LOAD_BALANCER_NAMES = [
  'load ?bal[ae]n?c\\w*', 'haproxy', 'ha proxy', 'lbs?', 'balancers?', 'repartiteurs?(?: de charge)?', 'equilibreurs? de charge', 'equilibrage de charge',
] as const;
export const WEB_SERVER_NAMES = [
  'web ?ser?vers?', 'web ?srvs?', 'nginx', 'apache2?', 'httpd', 'web ?tier', 'web ?layer', 'http ?servers?', 'serveurs? web', 'serveurs? frontal',
  'serveurs? frontaux',
] as const;
export const APP_SERVER_NAMES = [
  'app(?:lication)? ?servers?', 'app(?:lication)? ?srvs?', 'ap{1,2}li?cati?on ?servers?', 'app ?tier', 'application ?tier', 'app ?layer', 'gunicorn', 'u ?wsgi', 'unicorn',
  'puma', 'node ?\\.? ?js', 'php ?fpm', 'tomcat', 'serveurs? d ?applications?', 'serveurs? applicatifs?',
] as const;
/**
 * The application's files (the code base the application server runs). A box named with the word
 * "code" ("Python code", "Server code") is the code; "status code" and the like are not.
 */
export const CODE_BASE_NAMES = [
  'code ?bases?', 'source ?code', '(?:app(?:lication)?|web ?(?:site|app)|site|project|source|code) ?files', 'app(?:lication)? ?code',
  '(?<!(?:status|response|error|http|exit|return|qr|zip|postal|country|area) )code', 'fichiers? (?:de l ?)?applications?', 'code source',
] as const;
export const DATABASE_NAMES = ['data ?bases?', 'dbs?', 'my ?sql', 'mariadb', 'postgre ?s\\w*', 'mongo ?db', 'bases? de donnees'] as const;
export const FIREWALL_NAMES = ['firewalls?', 'fire walls?', 'ufw', 'iptables', 'pare ?feux?'] as const;
/** Monitoring products: named alone, the service; with an agent word ("Datadog agent"), its agent. */
export const MONITORING_PRODUCTS = ['sumo ?logic', 'datadog', 'new ?relic', 'prometheus', 'grafana', 'nagios', 'zabbix'] as const;
export const MONITORING_NAMES = ['monitoring', ...MONITORING_PRODUCTS, 'surveillance', 'supervision'] as const;
/** What makes a monitoring box the agent on a server rather than the service it reports to: "Monitoring client", "Sumo Logic collector". */
export const MONITORING_AGENT_NAMES = [
  'clients?', 'agents?', '(?:data |log |metrics? )?collectors?', 'exporters?', 'forwarders?', 'shippers?', '(?:file|metric)beats?', 'daemons?', 'probes?', 'collecteurs?',
  'sondes?',
] as const;
/** What makes a monitoring box the central service the agents report to: "Monitoring service", "Sumo Logic platform", "external monitoring". */
export const MONITORING_SERVICE_NAMES = [
  'services?', 'platforms?', 'dashboards?', 'tools?', 'systems?', 'saas', 'consoles?', 'central\\w*', 'external', 'remote', 'plateformes?', 'outils?',
  'tableaux? de bord',
] as const;
export const CERTIFICATE_NAMES = ['ssl', 'tls', 'https', 'certificats?', 'certificates?'] as const;
/** Generic names of a machine. */
export const MACHINE_NAMES = ['servers?', 'machines?', 'hosts?', 'boxe?s?', 'nodes?', 'instances?', 'vms?', 'droplets?', 'serveurs?'] as const;

// ---------------------------------------------------------------------------------------------
// DNS records: the type of the record a name resolves by (an A record maps a name to an IP address,
// a CNAME to another name). "A record" written with a capital A is read from the text as written.

export const DNS_A_RECORD_NAMES = [
  'an a records?', 'address records?', '(?:dns )?records? (?:is )?(?:of )?type a', 'type a records?', 'a type records?', 'enregistrements? (?:de type )?a',
  'type of (?:dns )?record (?:is|=) a(?! (?:cname|canonical|record|type|dns))', 'of type a(?! cname)',
] as const;
export const DNS_CNAME_NAMES = ['cnames?', 'canonical names?', 'c name'] as const;

// ---------------------------------------------------------------------------------------------
// A database cluster: the node that takes the writes and the copies that follow it.

export const DB_PRIMARY_NAMES = ['primary', 'master', 'main', 'writer', 'leader', 'principale?', 'maitre'] as const;
export const DB_REPLICA_NAMES = ['replicas?', 'slaves?', 'secondary', 'standby', 'followers?', 'readers?', 'read ?only', 'repliques?', 'esclaves?'] as const;
/** Words of a link or a box that say data is copied from one database to another. */
export const REPLICATION_TERMS = ['replicat\\w*', 'sync\\w*', 'binlog', 'primary ?replica', 'master ?slave'] as const;

// ---------------------------------------------------------------------------------------------
// A pair of load balancers.

/** Anywhere: words that only a pair of load balancers has. */
export const CLUSTER_TERMS = [
  'cluster\\w*', 'active ?active', 'active ?passive', 'keepalived', 'vrrp', 'heartbeats?', 'fail ?over', 'hot ?standby', 'floating ?ip',
  'virtual ?ip', 'vip', 'grappe', 'basculement', 'ip virtuelle', 'ip flottante',
] as const;

/** Cluster modes. */
export const ACTIVE_ACTIVE_TERMS = [
  'active ?active', 'actif ?actif', 'both (?:\\w+ ){0,3}(?:are|run|running|stay|work) (?:\\w+ )?active',
  'both (?:\\w+ ){0,3}(?:share|split|serve|take|handle) (?:the )?(?:traffic|load|requests)',
] as const;
export const ACTIVE_PASSIVE_TERMS = [
  'active ?passive', 'primary ?(?:backup|secondary|standby)', 'master ?(?:backup|slave|standby)', 'hot ?standby', 'standby', 'stand by', 'passive',
  'actif ?passif', 'passif', 'secours',
] as const;


// ---------------------------------------------------------------------------------------------
// Absence: what a text says is not there ("No firewall", "Known gap: no monitoring yet").

/** A negation close to a mention: "there is no firewall", "without monitoring". */
export const NEGATIONS = [
  'no', 'not', 'without', 'lacks?', 'lacking', 'missing', 'absent', 'isn t', 'isnt', 'doesn t', 'doesnt', 'don t', 'never', 'none', 'neither', 'nor',
  'pas de', 'aucune?', 'sans', 'ni',
] as const;
/** After a mention, words that say it is absent: "SSL: missing", "firewall not configured". */
export const ABSENT_AFTER = [
  '(?:(?:is|are) )?(?:missing|absent|none|lacking|disabled|not (?:yet |been )?(?:configured|enabled|used|set up|installed|present|implemented|available))',
] as const;
