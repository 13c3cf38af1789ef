/**
 * The one vocabulary of the prose stage: every concept the reader looks for, defined once, each
 * entry a short list of alternatives (English, then French) over "plain" text: normalised (see
 * normaliseText) and without accents (see plainText). What a word means in a sentence is decided
 * by the reader (sentences.ts, reasons.ts, elements.ts, claims.ts), never by a word alone.
 *
 * Each list is a vocabulary of a concept a careful mentor reads for, not a phrasing of a student:
 * test/unit/lexicon.test.ts holds every entry to an example and a counter-example.
 */
export * from '../vocabulary.js';
import { APP_SERVER_NAMES, DATABASE_NAMES, WEB_SERVER_NAMES } from '../vocabulary.js';

// ---------------------------------------------------------------------------------------------
// Words that tell a load balancer of a pair from the load balancer in general.

/** Before a name: "the second HAProxy", "both load balancers", "a backup LB". */
export const PAIR_MODIFIERS = [
  'second', '2 ?nd', 'one more', 'another', 'additional', 'extra', 'new', 'both', 'two', '2', 'pair of', 'other', 'backup', 'standby', 'stand by',
  'passive', 'secondary', 'redundant', 'dual', 'multiple', 'deuxieme', 'seconde', 'autre', 'nouveau', 'nouvel', 'deux', 'supplementaire',
] as const;
/** What "cluster" is about when it is not the load balancers: "database cluster". */
export const OTHER_CLUSTERS = [
  '(?:data ?base|db|my ?sql|mariadb|postgre ?s\\w*|replica\\w*|data|mongo\\w*|kubernetes|k 8 s) clusters?',
  'clusters? (?:of|for) (?:the )?(?:data ?base|db|my ?sql|servers?|web|app)',
] as const;

// ---------------------------------------------------------------------------------------------
// The server this design adds.

/** Words that make "server" the added one: "one more server", "the extra machine" ("Server 3" is read in elements.ts). */
export const ADDED_MODIFIERS = [
  'additional', 'extra', 'third', '3 ?rd', 'one more', 'new', 'added', 'fourth', '4 ?th', 'supplementaire', 'troisieme', 'nouveau', 'nouvel',
  'ajoute',
] as const;
/** The same after the name, as French puts them: "un serveur supplémentaire", "un serveur de plus". */
export const ADDED_MODIFIERS_AFTER = ['supplementaire', 'additionnel', 'de plus', 'en plus', 'ajoute'] as const;
/** Verbs of adding. */
export const ADD_VERBS = [
  'add(?:s|ed|ing)?', 'introduc\\w*', 'provision\\w*', 'deploy\\w*', 'bring(?:s|ing)? in', 'brought in', 'ajout\\w*',
] as const;

// ---------------------------------------------------------------------------------------------
// Splitting the components onto their own servers.

export const SPLIT_TERMS = [
  'split\\w*', '(?:keep|kept|keeping|pull|pulled|pulling|move|moved|moving|set|setting|split|splitting|taken) (?:\\w+ ){0,5}apart',
  'each (?:\\w+ )?(?:has|gets|runs on|lives on|sits on|is on) (?:its|their|his) own(?= (?:server|machine|host|box|vm|instance|hardware)s?\\b|[.!]?$)',
  'each (?:\\w+ )?(?:has|have|gets|get) (?:a|its|their|his) (?:own )?(?:server|machine|host|box|vm)',
  'each (?:\\w+ )?(?:now )?(?:runs|hosts|holds|has) (?:just|only) one',
  'each (?:component|tier|part|layer|service|role|piece|one)s? (?:\\w+ ){0,4}(?:alone|on (?:its|their) own|by itself|separately|in isolation)',
  'each (?:one )?(?:in|on) (?:his|its|their|her) (?:own )?(?:server|machine|host|box)',
  '(?:no longer|don ?t|do not|never|not|stop) shar\\w* (?:a |the |one |any )?(?:same )?(?:machine|hardware|server|host|box|resources)', 'dedicated',
  'no longer (?:mix|mixed|mixing|cohabit\\w*)', 'ne (?:\\w+ )?(?:melang|partag|cohabit)\\w* plus',
  'isolat\\w*', 'decoupl\\w*', 'own (?:server|machine|host|box|vm|instance)s?', 'one (?:server|machine|host) (?:per|for each|each)',
  '(?:one|a single) (?:component|tier|role|service) (?:per|on each|for each) (?:server|machine|host|box)',
  '(?:distinct|different|individual|independent) (?:servers|machines|hosts|boxes)', '(?:three|3|multi) ?tiers?', 'tiered', 'separ\\w*', 'dedie\\w*',
  'isole\\w*', 'propre serveur', 'propres serveurs', 'chacun son serveur', 'chacun sur (?:une|un|sa|son) (?:propre )?(?:machine|serveur)',
  '(?:machines?|serveurs?) differente?s?',
] as const;
/** What is split: the split needs its parts named. */
export const SPLIT_PARTS = [
  'web', 'app', 'application', 'data ?base', 'db', 'my ?sql', 'nginx', 'gunicorn', 'components?', 'tiers?', 'layers?', 'roles?', 'services?',
  'stack', 'each', 'parts?', 'composants?', 'couches?', 'base de donnees', 'chaque', 'chacun', 'parties?',
] as const;
/** "Layer" words that are no split: "Secure Sockets Layer", "application layer" of the OSI model. */
export const NOT_SPLIT = [
  'secure sockets? layer', 'transport layer', '(?:osi|application|network) layer', 'layer [47]', 'layer (?:four|seven)',
  // What load balancers and firewalls split or separate: traffic, networks. A database split into primary and replica.
  'split\\w* (?:the )?(?:incoming )?(?:traffic|requests?|load|users)', 'separat\\w* (?:the )?(?:public|private|internal|external|network|traffic|requests?)',
  'separat\\w* (?:\\w+ ){0,3}from (?:the )?(?:internet|outside|public|network|world)',
  'split\\w* (?:the )?(?:data ?base|db|my ?sql|data) (?:into|in)',
] as const;
/** Generic statements and definitions: about a concept, not about this design ("Scaling is the ability to grow"). */
export const GENERIC_STATEMENTS = [
  '(?:is|are|means) (?:the|a|an) (?:ability|process|practice|way|technique|method|act|capacity)', 'generally', 'in general', 'usually', 'typically', 'commonly',
  'en general', 'generalement',
] as const;

/**
 * Justifications that say nothing of what an element makes possible or prevents: praise ("is better
 * and more professional"), convention ("the standard way", "best practice", "big companies do it").
 * A reason made only of these is no reason (see reasons.ts).
 */
export const HOLLOW_JUSTIFICATIONS = [
  '(?:is|are|s|looks?|seems?|be) (?:just |simply |much |way |far )?(?:better|nicer|cleaner|cooler)(?! (?:at|for|to|when|if)\\b)',
  '(?:is|are|s|looks?|seems?|be) more (?:professional|modern|serious|elegant)(?! (?:for|to|when|if)\\b)',
  '(?:is|are|s) (?:just |simply )?(?:the |a |an )?(?:standard|usual|normal|common|classic|conventional|recommended|popular)(?! (?:for|to|when|if)\\b)',
  '(?:good|best) practices?', 'industry standards?', '(?:big|large|real|serious|all) (?:\\w+ )?companies', '(?:everyone|everybody) (?:does|do|uses|use|has)',
  '(?:do|does|did) it (?:this|that|the same) way', 'est (?:mieux|plus professionnel\\w*|la norme|standard)', 'bonnes? pratiques?',
] as const;

// ---------------------------------------------------------------------------------------------
// Reasons: the shapes of a sentence that says why (see reasons.ts for how they are read).

/** Purpose: "in order to", "so that"; "to + verb" is recognised by its shape. */
export const PURPOSE_MARKERS = [
  'in order to', 'so as to', 'so that', 'afin de?', 'afin qu ?e?', 'pour qu ?e?', 'de sorte que', 'de facon a', 'de maniere a', 'dans le but de',
] as const;
/** Cause: "because", "since", "due to". */
export const CAUSE_MARKERS = [
  'because', 'becuse', 'beacuse', 'becasue', 'becouse', 'bcause', 'coz', 'cuz', 'since', 'due to', 'given that', 'thanks to', 'as otherwise', 'car',
  'parce qu ?e?', 'puisqu ?e?', 'grace a', 'etant donne',
] as const;
/** Consequence: "therefore", "so there is", "which means". */
export const CONSEQUENCE_MARKERS = [
  'that is why', 'this is why', 'which is why', 'that s why', 'therefore', 'thus', 'hence', 'as a result', 'consequently', 'which means', 'this means', 'that means', 'means', 'meaning', 'this way', 'that way',
  'thereby', 'in turn', 'like this', 'donc', 'alors', 'ainsi', 'par consequent', 'ce qui', 'de ce fait', 'c est pourquoi', 'comme ca', 'comme cela',
  'de cette (?:facon|maniere)', 'lead(?:s|ing)? to', 'led to', 'result(?:s|ed|ing)? in', 'caus(?:es|ed|ing)', 'entrain\\w*', 'provoqu\\w*',
] as const;
/** Enabling verbs: "lets", "allows", "makes it possible". */
export const ENABLING_VERBS = [
  'let(?:s|ting)?(?! s\\b)', 'allow(?:s|ed|ing)?', '(?:mak(?:es|ing)|made) room for', 'enabl(?:e|es|ed|ing)', 'permit(?:s|ted|ting)?', 'makes? (?:it )?possible',
  'making (?:it )?possible', 'gives? (?:us )?the (?:ability|option|chance)', 'permet\\w*', 'permettr\\w*', 'rend possible',
] as const;
/** Effect verbs: what an element does to a quality or a problem ("removes the SPOF", "improves uptime"). */
export const EFFECT_VERBS = [
  'ensur\\w*', 'guarantee\\w*', 'prevent\\w*', 'avoid\\w*', 'remov\\w*', 'eliminat\\w*', 'reduc\\w*', 'lower(?:s|ed|ing)?', 'limit(?:s|ed|ing)?',
  'minimi[sz]\\w*', 'improv\\w*', 'increas\\w*', 'boost\\w*', 'protect\\w*', 'keep(?:s|ing)?', 'kept', 'help(?:s|ed|ing)?', 'mak(?:es|ing) sure',
  'get(?:s|ting)? rid of', 'free(?:s|d|ing)? up', 'spar(?:es|ed|ing)', 'absorb\\w*', 'eviter?', 'evite\\w*', 'garanti\\w*', 'assur\\w*',
  'ameliore?\\w*', 'augment\\w*', 'reduit\\w*', 'reduire', 'supprim\\w*', 'elimin\\w*', 'protege\\w*', 'empech\\w*',
] as const;
/** Verbs that give a quality: "adds redundancy", "provides failover". Reasons only with a quality after them. */
export const GIVING_VERBS = [
  'provid\\w*', 'add(?:s|ed|ing)?', 'offer\\w*', 'bring\\w*', 'brought', 'giv\\w*', 'gave', 'achiev\\w*', 'gain\\w*', 'means?', 'fourni\\w*',
  'offr\\w*', 'apport\\w*', 'donn(?:e|es|ent|er|ant)',
] as const;
/** Qualities a design is changed for. Reasons only where a sentence aims at them (for / gives / better). */
export const QUALITIES = [
  'redundan\\w*', 'availability', 'high(?:ly)? availab\\w*', '(?:stays?|remains?|always|still) available', 'reliab\\w*', 'resilien\\w*',
  'fault ?toleran\\w*', 'scalab\\w*', 'performance', 'secur\\w*', 'safety', 'maintainab\\w*', 'capacity', 'throughput', 'speed', 'uptime',
  'isolation', 'independen\\w*', 'stability', 'robust\\w*', 'flexib\\w*', 'efficien\\w*', 'failover', 'fail over', 'backup', 'continuity',
  'load sharing', 'resources?', 'headroom', 'scaling', 'redondan\\w*', 'disponibilite', 'haute disponibilite', 'fiabilite', 'tolerance aux pannes',
  'evolutivite', 'securite', 'robustesse', 'continuite',
] as const;
/** The qualities that only a second machine gives: what makes a reason about the pair, not about balancing. */
export const REDUNDANCY_QUALITIES = [
  'horizontal\\w*', 'scal\\w* out', 'redundan\\w*', 'availability', 'high(?:ly)? availab\\w*', '(?:stays?|remains?|always|still) available',
  'reliab\\w*', 'resilien\\w*', 'fault ?toleran\\w*', 'failover', 'fail over', 'backup', 'uptime', 'continuity', 'redondan\\w*', 'disponibilite',
  'tolerance aux pannes', 'continuite', 'secours',
] as const;
/** Problems a failure causes: what a second machine is there against. */
export const FAILURE_PROBLEMS = [
  'spofs?', 'single points? of failure', 'locked out', 'weak (?:spot|point|link)', 'depend\\w* (?:d |de |on )(?:une |un |a |one )?(?:seule?|single|one)', 'downtime', 'outages?', 'go(?:es)? down', 'go offline',
  'takes? (?:the )?(?:whole |entire )?(?:site|website|service|app|application|system|stack) down', 'bring\\w* (?:the )?(?:\\w+ )?down',
  'points? (?:unique )?de defaillance(?: unique)?', 'indisponibilit\\w*', 'panne totale',
] as const;
/** Problems of capacity and of sharing a machine: "bottleneck", "they compete for memory". */
export const CAPACITY_PROBLEMS = [
  'bottlenecks?', 'overload\\w*', 'contention', 'compet(?:e|es|ed|ing) (?:for|with)', 'fight\\w* (?:for|over)', 'interfer\\w*', 'starv\\w*',
  'timeouts?', 'slow\\w* (?:\\w+ )?down', 'slow(?:ed|s)? by', 'errors?', 'noisy neighbou?rs?', 'wait(?:s|ing)? (?:on|for)',
  'than (?:\\w+ ){0,4}(?:can|could) (?:handle|take|serve|carry|cope)', 'too (?:much|many|busy|slow)',
  '(?:not|isn t|aren t|wasn t|weren t|no longer|never) (?:\\w+ ){0,2}enough',
  '(?:cannot|can not|can t|could not|couldn t) (?:\\w+ )?(?:answer|handle|serve|keep up|cope|absorb|host|hold|fit|carry|run)',
  '(?:not (?:be )?able|unable) to (?:\\w+ )?(?:answer|handle|serve|keep up|cope|absorb)', 'exceed\\w*',
  'at (?:full|100 ?%|their|its) (?:\\w+ )?(?:capacity|limit|cpu)', 'near (?:their|its) limits?', 'saturat\\w*', 'goulots? d etranglement',
  'surcharg\\w*',
] as const;
/** Problems of exposure: "the database is reachable from the internet". */
export const SECURITY_PROBLEMS = [
  'expos\\w*', 'attack\\w*', 'breach\\w*', 'compromis(?:e|ed|es|ing)', 'intru\\w*', 'reachable from (?:the )?(?:internet|outside)', 'attaqu\\w*',
] as const;
/** A failure kept where it starts: "a problem on one tier stays on that tier". */
export const CONTAINMENT = [
  '(?:doesn ?t|does not|won ?t|can ?t|cannot|no longer) (?:kill|take down|bring down|affect|stop|break|crash|impact)s?(?: \\w+)? (?:the )?(?:rest|others?)',
  'stays? (?:on|in|inside|within) (?:that|its|the same|one|this) \\w+', 'is contained', 'does(?: not|n t) spread', 'without spreading',
  'reste\\w* (?:sur|dans) (?:ce|cette|le|la)',
] as const;
/** Failure of a machine: what a condition speaks of ("if HAProxy 1 dies"). */
export const FAILURES = [
  'fail(?:s|ed|ing|ure|ures)?(?! 2 ban)', 'falls? (?:down|over)', 'freez\\w*', '(?:is|are|was|turned|switched) off', 'di(?:e|es|ed)', '(?:the )?loss of', 'losing', '(?:gets?|has|have|had|having) (?:an? )?(?:problem|issue|failure)s?', '(?:is|are|was|goes|went) (?:gone|away)', 'dying', 'dead',
  'crash\\w*', 'go(?:es)? down', 'went down', 'is down', 'are down', 'break(?:s|ing)?', 'broke(?:n)?', 'stop(?:s|ped)?',
  'goes? (?:silent|dark|away|quiet)', 's arret\\w*', 'arret\\w* de fonctionner', 'becomes? unavailable', 'is unavailable', 'unreachable', 'is lost',
  '(?:goes?|went|gone) offline', 'is offline', 'hangs?', 'maintenance', 'tomb\\w* en panne', 'tomb(?:e|ent|er)', 'en panne', 'panne',
  'defaillan\\w*', 'plant\\w*', 'ne repond plus', 'indisponible', 'los(?:es|t|e|ing) (?:its |their |the )?(?:power|network|connection|connectivity|disk)',
  'power (?:cut|outage|failure|loss)', 'faults?',
] as const;
/**
 * The service lost to its users, what a failure, a restart or an overload costs them: "the site is
 * down", "nobody can reach foobar.com", "visitors get a 502 error", "users are locked out".
 */
export const OUTAGE = [
  '(?:is|are|was|were|goes|go|went|gone|be|being|been|stays?|stayed) (?:\\w+ )?down', 'downtime', 'offline', 'outages?', 'unavailab\\w*', 'not available', 'unreachable',
  'not reachable', 'inaccessib\\w*', 'not accessible', 'unresponsive', 'interrupt\\w*', 'disrupt\\w*', 'locked out', 'disconnect\\w*', '(?:cut|cuts|cutting) (?:\\w+ ){0,3}off',
  '(?:users?|customers?|visitors?|clients?|people|everyone|anyone) (?:\\w+ )?(?:cannot|can not|can t|could not|couldn t|(?:are|is) unable to|won t be able to)',
  '(?:users?|customers?|visitors?|clients?) (?:will |would |must |have to |has to )*wait', 'los(?:e|es|t|ing) (?:\\w+ )?access',
  '(?:requests?|visitors?|users?|connections?|orders?) (?:\\w+ ){0,4}(?:are|is|get|gets|were|was) (?:lost|dropped|refused|rejected)',
  '(?:stops?|stopped|kills?|killed) (?:the |our )?(?:whole |entire )?(?:website|site|service|application|app)\\b', 'everything (?:stops|is down|fails)',
  '(?:cannot|can not|can t|could not|couldn t|unable to|not able to) (?:\\w+ ){0,2}(?:access|reach|load|open|use|visit|connect|browse|get to)',
  '(?:cannot|can not|can t|could not|couldn t) be (?:reached|accessed|used|loaded|opened)',
  '(?:nobody|no one|noone|no (?:user|visitor|client|request)s?) (?:\\w+ )?(?:can|could|is able|gets? through)', 'error(?:s| pages?)?', '50[234]', 'bad gateway',
  '(?:stops?|stopped|stopping) (?:answering|responding|working|serving|loading)', '(?:does|do|did|will|would) not (?:respond|answer|load|work)',
  '(?:doesn t|don t|didn t|won t|wouldn t) (?:respond|answer|load|work)', 'there (?:is|s|was) no (?:more )?(?:website|site|service)', 'no (?:website|site|service) at all', 'see nothing', 'disappear\\w*',
  '(?:is|was|are|were) gone', 'goes dark', '(?:site|website|service) down', '(?:takes?|took|taking|bring\\w*|brought) (?:\\w+ ){0,3}(?:down|offline)', 'indisponib\\w*', 'hors ligne', 'coupe\\w*', 'coupure\\w*',
  'plus personne', 'personne ne (?:\\w+ )?(?:peut|pourra|accede|arrive)', '(?:users?|visitors?|clients?|people) (?:\\w+ )?(?:get|gets|got) nothing',
  'interrompu\\w*', 'ne (?:peut|peuvent|pourra\\w*) (?:plus )?(?:acceder|joindre|utiliser)', 'plus accessible',
] as const;
/** An issue said not to be one: "there is no downtime", "scaling is not really a problem here". */
export const DENIED_ISSUES = [
  'no (?:real |actual )?(?:downtime|interruption|outage)s?', 'zero downtime', 'without (?:any )?(?:downtime|interruption|outage)s?',
  '(?:is|are|was|were) (?:not|never) (?:really )?(?:a |an )?(?:real )?(?:problem|issue|concern)', '(?:isn t|aren t|wasn t) (?:really )?(?:a |an )?(?:real )?(?:problem|issue|concern)',
  'no (?:real )?(?:problem|issue)s? (?:here|with|for)',
  // A label answered by a denial: "Monitoring: not a problem here, HAProxy already checks the servers".
  'not (?:really )?(?:a |an )?(?:real )?(?:problem|issue|concern)s? (?:here|for us|in (?:this|our) (?:design|setup|case|infrastructure))', 'pas (?:vraiment )?(?:un|de) (?:probleme|souci)', 'aucun (?:vrai )?probleme', 'sans (?:interruption|coupure)',
] as const;
/** The design going on after a failure: "takes over", "keeps serving", "stays online". */
export const CONTINUITY = [
  'takes? over', 'took over', 'taking over', 'keeps? (?:on )?(?:serving|running|working|going|handling|answering|responding)',
  'stay(?:s|ed)? (?:up|online|available|alive|reachable)', 'remains? (?:up|online|available|reachable)', 'surviv\\w*',
  'still (?:works|serves|running|up|available|online|served|reachable|answers|responds)',
  'continu(?:e|es|ed|ing) (?:to|serving|working|running|operating)', 'carr(?:y|ies) on', 'no (?:one )?(?:downtime|interruption|outage)',
  'without (?:any )?(?:downtime|interruption)', 'picks? up', 'steps? in', '(?:either|each) (?:one |of them |of the two )?can (?:carry|handle|serve|take|answer)', 'takes? (?:the |its |his |her )?place', '(?:never|doesn t|does not|won t|will not|don t|do not) (?:\\w+ )?(?:stops?|go(?:es)? down|fails?|breaks?|crash\\w*)',  'in (?:its|their|his) place', 'covers? for (?:each other|it|the other)',
  'backs? (?:each other|it) up', 'back each other up',
  'the other (?:one )?(?:\\w+ )?(?:carries|handles|serves|takes|answers|keeps|does|receives|gets|continues|works|stays|runs|remains|survives)', 'prend le relais', 'prendre le relais', 'l autre (?:\\w+ )?(?:prend|continue|assure|recoit|repond)',
  'reprend', 'prend (?:sa|la) place', 'remplace', 'continu\\w* (?:a|de) (?:fonctionner|servir|repondre|tourner|recevoir|marcher|travailler)',
  'reste\\w* (?:disponible|en ligne|accessible)', 'sans interruption',
] as const;
/** Conditions that open a consequence: "if", "when", "in case". */
export const CONDITION_MARKERS = [
  'if', 'when', 'whenever', 'in case', 'in the event', 'should', 'once', 'even if', 'as soon as', 'the moment', 'si', 's ils?', 'lorsqu ?e?', 'quand', 'en cas de',
  'au cas ou', 'des que', 'au moment ou',
] as const;
/** Counterfactuals: "without it", "otherwise", "X alone would". */
export const COUNTERFACTUAL_MARKERS = [
  'without', 'otherwise', 'or else', 'no longer', 'not anymore', 'if (?:we|there|it) (?:only )?(?:had|were|was)', 'alone',
  '(?:only|just) (?:one|two|a single)', 'with (?:only|just) \\w+', 'instead of', 'rather than', 'au lieu de', 'plutot que', 'sans', 'sinon', 'ne (?:\\w+ ){1,2}plus', 'n (?:\\w+ ){1,2}plus', 'avec (?:seulement|uniquement) \\w+',
] as const;
/** A need: "is needed", "requires". */
export const NEED_MARKERS = ['needs?', 'needed', 'requir\\w*', 'necessary', 'essential', 'indispensable', 'a besoin', 'necessaire', 'faut'] as const;
/** A component kept apart from the others: with a tier as its subject, what the split speaks of. */
export const ISOLATION = [
  'alone', 'on (?:its|their|his) own', 'by (?:itself|themselves)', '(?:its|their|his) own', 'dedicated', 'separate\\w*', 'isolat\\w*', 'apart',
  'away from', 'not shared', 'no longer shar\\w*', 'single (?:purpose|role)',
  `only (?:the )?(?:${[...WEB_SERVER_NAMES, ...APP_SERVER_NAMES, ...DATABASE_NAMES, 'app', 'the app'].join('|')})`, 'seule?', 'tout(?:e)? seule?',
  'dedie\\w*', 'isole\\w*', 'propres? (?:serveur|machine)s?',
] as const;
/** Capability a change brings: "each tier can be scaled independently". */
export const INDEPENDENCE = [
  'independently', 'individually', 'on (?:its|their) own', 'alone', 'in isolation',
  'without (?:affecting|touching|impacting|disturbing|stopping) (?:the )?\\w+', 'independamment', 'separement', 'tout(?:e|es)? seule?s?',
  'sans (?:affecter|impacter|toucher|couper|arreter|interrompre)',
] as const;
export const MODALS = ['can', 'could', 'may', 'will be able', 'is able', 'are able', 'peut', 'peuvent', 'pourra\\w*'] as const;

/** Statements about the task, not the design: "the task requires", "we are asked to". */
export const TASK_STATEMENT = [
  '(?:the |this )?(?:task|project|assignment|exercise|requirement|instructions?|curriculum) (?:says|asks|requires|wants|needs)',
  '(?:we are|you are|i was|we were|you must|you need to|must be able to|be able to) (?:asked|required|explain)', 'explain (?:some )?specifics',
  'why you are adding', 'you must (?:add|use|have|include)', '(?:as|like) (?:the|this) (?:task|project|assignment|exercise) (?:asked|asks|said|says|wants|wanted|required|requires)', 'vous devez', 'etre capable d expliquer', 'pourquoi vous l ajoutez',
  '(?:requirements?|asked|required) (?:of|by|in) (?:this|the) (?:task|project|assignment|exercise)',
] as const;
/** Names of products whose words are concepts: "a certificate from Let's Encrypt" says nothing of encryption. */
export const PRODUCT_NAMES = ['let ?s ?encrypt', 'zero ?ssl'] as const;
/** Names of a kind of design whose words are concepts: "a distributed infrastructure is better" distributes nothing. */
export const DESIGN_KINDS = ['distributed (?:web )?(?:infrastructures?|architectures?|systems?|designs?|setups?|stacks?)', 'infrastructures? distribuees?'] as const;
/** A lead-in to the task's list of requirements, copied: "You must add:", "Requirements:". */
export const TASK_REQUIREMENTS = ['(?:you )?must (?:add|have|use|include)', 'requirements?', 'vous devez (?:ajouter|avoir|utiliser)', 'exigences?'] as const;
/** A remark about scaling later, not about this design: "we could add more servers later". */
export const FUTURE = [
  'add(?:ing)? more (?:\\w+ )?(?:servers?|machines?|nodes?|instances?|serveurs?)', 'later', 'in the future', 'if needed', 'when needed', 'as needed', 'if (?:the )?(?:traffic|load) (?:grows|increases)',
  '(?:could|can|may|might|would) (?:easily |also |later )?add', '(?:could|can|may|might) be (?:easily )?added', 'plus tard', 'a l avenir',
] as const;
/** The old design, contrasted with this one: "before, all three shared one machine; now each has its own". */
export const BEFORE_MARKERS = ['before', 'previously', 'used to', 'in task ?2', 'earlier', 'formerly', 'originally', 'avant', 'auparavant'] as const;
export const NOW_MARKERS = ['now', 'nowadays', 'from now on', 'this time', 'maintenant', 'desormais'] as const;
/** An opening that gives what the element before brings: "With it, the database has its own machine". */
export const WITH_IT = ['(?:with|thanks to|avec|grace a) (?:it|this|them|lui|elle|eux|cela)'] as const;
/** Words that open a reference back to the subject before: "It", "This machine", "The latter". */
export const REFERENCES_BACK = [
  ...WITH_IT,
  'it', 'its', 'this', 'that', 'they', 'these', 'those', 'them', 'the latter', 'the former', 'both', 'the (?:new|other|second|extra) one',
  'the pair', 'il', 'elle', 'ils', 'elles', 'ce', 'cela', 'celui ci', 'celle ci',
] as const;
/** A role stated, not a reason: "acts as the web server to handle requests" says what it does. */
export const ROLE_STATEMENTS = [
  'acts? as', 'serves? as', 'works? as', 'functions? as', '(?:is|are) used as', '(?:is|are) responsible for', 'plays? the role', 'takes? the role',
  'sert de', 'joue le role', 'fait office de',
] as const;
/** Openings of a subordinate clause or of a reason put first: "When ...", "Because ...", "To remove the SPOF, ...". */
export const SUBORDINATORS = [
  'where', 'when', 'whenever', 'while', 'although', 'though', 'since', 'as', 'if', 'because', 'once', 'after', 'before', 'unlike', 'whereas', 'which', 'to',
  'in order to', 'so that', 'so as to', 'for', 'given that', 'thanks to', 'due to',
  'lorsqu ?e?', 'quand', 'si', 'comme', 'alors qu ?e?', 'pour', 'afin de', 'afin qu ?e?', 'car', 'parce qu ?e?', 'puisqu ?e?',
] as const;
/** A sentence that states what this design is: "we use", "there is", "the design has". */
export const DESIGN_STATEMENTS = [
  'we (?:use|have|added|add|run|deploy)', 'our', 'there (?:is|are)', 'this (?:design|infrastructure|setup|architecture)',
  'the (?:design|infrastructure|setup|architecture) (?:has|uses|includes|contains)', '(?:is|are|was|were) (?:added|used|deployed|installed|placed)',
  'consists? of', 'includes?', 'contains?',
] as const;
/**
 * Words that apply a statement to this design, not to a concept in general: "our setup is
 * active-active", "Active-Active (used here)", "this infrastructure uses round robin".
 */
export const THIS_DESIGN = [
  'here', 'our', 'ours', 'my', 'we (?:use|have|chose|picked|run|configured|set|went|opted|assum\\w*|implement\\w*)',
  '(?:this|the) (?:design|infrastructure|infra|setup|set up|architecture|system|stack|project|solution|case|diagram)(?! (?:where|when|in which))',
  '(?:this|the) (?:configuration|config)(?! (?:where|when|in which))',
  '(?:is|are) (?:\\w+ )?(?:used|configured|set up|chosen|implemented|applied|in use|in place|adopted)', 'currently', 'in use', 'in place',
  'ici', 'notre', 'nos', 'nous', 'mon', 'ma', 'mes', 'cette (?:infrastructure|architecture|configuration|installation)', 'utilise\\w*', 'choisi\\w*', 'en place',
] as const;
/** What was carried over from task 2 is in this design: "we kept the firewalls from task 2". */
export const CARRIED_OVER = ['kept', 'keep', 'still', 'carried (?:over )?from', 'carry over', 'retain\\w*', 'reuse\\w*', 'conserv\\w*'] as const;
/** Verbs of choosing one option: a reason after one explains the choice ("I chose ufw because it ships with Ubuntu"), not why the element is there. */
export const CHOICE_VERBS = [
  'cho(?:se|sen|ose|osing)', 'picked', 'selected', 'opted for', 'went (?:with|for)', 'prefer(?:red)?', 'decided on', 'choisi\\w*', 'prefere\\w*',
  'opte\\w* pour',
] as const;
/** What a choice is about when it is the element itself: "chose to add a firewall on each server because...". */
export const CHOSEN_ACTIONS = ['to (?:add|put|install|place|deploy|have|set up|introduce)', 'd (?:ajouter|installer|mettre)'] as const;
/**
 * A count explained, not a purpose: "because there are three machines", "one per server", "each one
 * gets its own", "for the same reason" (why three firewalls, not why firewalls).
 */
export const COUNT_REASONS = [
  '(?:there (?:is|are)|we (?:only )?(?:have|got)) (?:only |just )?(?:one|two|three|\\d+|a single) (?:\\w+ )?(?:servers?|machines?|hosts?|nodes?|domains?)',
  '(?:it|the (?:design|setup)) (?:only )?has (?:only )?(?:one|two|three|\\d+|a single) (?:\\w+ )?(?:servers?|machines?|domains?)',
  'one (?:per|for each|for every|on each|on every|by) \\w+', '(?:each|every) (?:one|\\w+) (?:gets?|has|needs?) (?:its|their|his|her) own', 'for the same reason',
  'un(?:e)? par (?:serveur|machine)', 'chaque (?:serveur|machine) (?:a|doit avoir) (?:le sien|la sienne|son propre)',
] as const;
/**
 * Where a word comes from: its history says nothing of what the thing is for ("The term firewall
 * comes from buildings, where a wall stops a fire"; "le mot pare-feu vient des murs...").
 */
export const WORD_HISTORY = [
  'the (?:name|term|word)(?: \\w+){0,2} (?:comes?|came|derives?|derived|originat\\w*|was (?:first )?(?:used|coined|borrowed))', 'etymolog\\w*', '(?:was|were) coined',
  '(?:le|ce) (?:nom|terme|mot)(?: \\w+){0,2} (?:vient|viendrait|est (?:issu|emprunte|ne))',
] as const;
/** A list lead that introduces kinds of a thing: its verbless items name kinds ("software firewalls (ufw)"), they say nothing it is for. */
export const KINDS_OF = ['(?:kinds|types|sorts|categories|varieties|families|flavou?rs|sortes|familles) (?:of|de|d)'] as const;
/**
 * What a load balancer does, when another element's explanation says it instead ("requests are
 * shared between server 1 and server 2 with round robin"): no firewall's or certificate's purpose.
 */
export const LOAD_SHARING = [
  'round ?robin', 'least ?conn\\w*',
  '(?:shar|spread|distribut|split|balanc)\\w* (?:\\w+ ){0,4}(?:between|across|among|over) (?:the |both )?(?:\\w+ )?(?:servers?|back ?ends?|nodes?)',
  'balanc\\w* (?:the )?(?:load|traffic|requests)', 'load balancing', 'same amount of (?:work|load|traffic|requests)', 'repartit\\w*', 'equilibr\\w*',
] as const;
/**
 * Lead labels that ask of a subject they do not name ("**What for:** keeping track of errors" then
 * "**How:** an agent on each host..."): the subject is the one the labels after them name.
 */
export const ELLIPTIC_LABELS = [
  'what for', 'what (?:it|they) (?:is|are|s) for', 'used for', 'use', 'uses', 'role', 'purpose', 'goal', 'why', 'how', 'how it works', 'what it does', 'a quoi (?:ca )?sert',
  'pourquoi', 'comment', 'but', 'utilite',
] as const;
/** Section labels that ask "why" or "what follows": a quality, a problem or an outage under them answers it ("Effect: site down"). */
export const WHY_LABELS = [
  'why', 'reasons?', 'purpose', 'rationale', 'justification', 'benefits?', 'advantages?', 'goal', 'motivation', 'pourquoi', 'raison', 'objectif',
  'avantages?', 'le but', 'interet', 'consequences?', 'effects?', 'impacts?', 'what happens', 'risks? for (?:the )?users',
] as const;

// ---------------------------------------------------------------------------------------------
// Sections about problems, and negation.

/** Sections whose lines list problems: "Issues", "Weaknesses", "SPOF". */
export const ISSUES_LABELS = [
  'issues?', 'problems?', 'limitations?', 'weakness\\w*', 'drawbacks?', 'cons', 'spofs?', 'single points? of failure', 'risks?', 'concerns?',
  'vulnerabilit\\w*', 'what is missing', 'missing', 'problemes?', 'faiblesses?', 'limites', 'inconvenients?',
] as const;
/** Headings that name problems to say they are solved ("Solving previous issues"). */
export const SOLVED_LABELS = [
  'solv\\w*', 'solutions?', 'fix(?:es|ed|ing)?(?! ip)', 'resolv\\w*', 'addressing', 'addressed', 'mitigat\\w*', 'remov\\w*', 'eliminat\\w*',
  'avoid\\w*', 'separation of concerns', 'improvements?',
] as const;
/** Words for the other one of a pair: "if one stops, the other takes everything". */
export const PAIR_REFERENCES = [
  'the other(?: one)?', 'the pair', 'both of them', 'either (?:one|balancer|of them)', 'its (?:twin|partner|peer|sibling|backup|standby)', 'the (?:second|backup|standby|passive|survivor|surviving) one',
  'the survivor', 'each other', 'l autre',
] as const;
/** Sections that define terms or compare options rather than describe this design: "Key concepts", "Active-Active vs Active-Passive". */
export const DEFINITION_LABELS = [
  'key concepts?', 'concepts?', 'definitions?', 'glossary', 'terminology', 'vs', 'versus', 'compared to', 'comparison', 'glossaire', 'lexique',
] as const;
/** Words that put a statement in another design, a question or the future: not a claim about this one. */
export const NOT_THIS_DESIGN = [
  'at least', 'up to', 'previous\\w*', 'before', 'earlier', 'task ?[0-2]', 'old', 'could', 'would', 'might', 'future', 'later', 'in the future',
  'instead of', 'if', 'when', 'should', 'what if', 'in case', 'suppose',
] as const;

// ---------------------------------------------------------------------------------------------
// Encryption: where the traffic travels encrypted, and where SSL stops.

/** Traffic that travels without encryption: "the traffic behind HAProxy is unencrypted", "in clear text". */
export const PLAIN_TRAFFIC = [
  'un ?encrypted', 'not (?:\\w+ )?encrypted', 'decrypted', 'in (?:clear|plain) ?text', 'clear ?text', 'plain ?text', 'plain http', 'in (?:the )?clear', 'non chiffre\\w*',
  'en clair', 'dechiffre\\w*',
] as const;
/** Where SSL stops: "SSL is terminated at HAProxy", "TLS ends on the web servers", "HAProxy offloads SSL". */
export const SSL_ENDS = ['terminat\\w*', 'ends?', 'ended', 'stops?', 'stopped', 'offload\\w*', 'decrypt\\w*', 'unwrap\\w*', 'dechiffr\\w*', 'termine\\w*', 'arrete\\w*'] as const;
/** The hops behind the load balancer: "between HAProxy and the servers", "to the backend", "the internal network". */
export const BEHIND_THE_LB = [
  '(?:behind|after|past|downstream of|derriere) (?:the |our |le |la )?(?:load ?balanc\\w*|haproxy|lbs?|balancers?|proxy)',
  '(?:between|entre) (?:the |our |le |la |l )?(?:load ?balanc\\w*|haproxy|lbs?|balancers?|proxy|repartiteur\\w*(?: de charge)?) (?:and|et)',
  'from (?:the )?(?:load ?balanc\\w*|haproxy|lbs?|balancers?) to',
  '(?:to|towards|with|reaching|vers) (?:the |our |each |both )?(?:two |2 |deux )?(?:back ?ends?|upstreams?|web servers?|app(?:lication)? servers?|servers)',
  'internal(?:ly)?', 'back ?end (?:traffic|servers?|network)', 'interne?s?',
] as const;

// ---------------------------------------------------------------------------------------------
// Cluster modes (the mode words themselves are in ../vocabulary.ts).

/** Active-passive said by what the second one does: "HAProxy 2 waits and only takes over when HAProxy 1 fails". */
export const PASSIVE_BEHAVIOUR = [
  'waits', 'idle', 'stays? ready', 'only (?:\\w+ ){0,4}(?:when|if|after|once)(?: \\w+){0,4} (?:fails|dies|goes down|crashes|is down|stops)',
] as const;
/**
 * What the passive one of an active-passive pair does, said of it: "waits on standby", "takes its
 * place", "receives nothing until the active one goes down", "would only be used when the first fails".
 */
export const STANDBY_BEHAVIOUR = [
  ...PASSIVE_BEHAVIOUR, 'stand(?:s|ing)? ?by', 'wait(?:s|ing|ed)?', 'until (?:\\w+ ){0,4}(?:fails?|dies|goes down|crashes|is down|stops|breaks)',
  'only (?:\\w+ ){0,3}(?:when|if|after|once|on|in case)\\b', 'takes? (?:\\w+ ){0,2}(?:place|over)', 'en (?:attente|veille)', 'attend\\w*', 'jusqu a ce qu',
  'unless', 'unused', 'not used', 'does nothing', 'on hold', 'in reserve', 'hot spare', 'sits? ready',
  'becom\\w* active', '(?:is|gets?|be) (?:promoted|activated)', 'only (?:the )?(?:active|primary|main|first) (?:one|node|server)s?',
] as const;

// ---------------------------------------------------------------------------------------------
// Web server and application server, characterised.

/** What a web server is for: HTTP, static content, reverse proxy. */
export const WEB_TRAITS = [
  'static\\w*', 'https?', 'requests?', 'reverse ?prox\\w*', 'proxy\\w*', 'html', 'css', 'images?', 'files?', 'pages?', 'ssl', 'tls', 'termination',
  'connections?', 'serv(?:e|es|ing) (?:the )?(?:content|pages|files|assets)', 'assets', 'front ?end', 'statiques?', 'requetes?', 'fichiers?',
  'mandataire inverse', 'proxy inverse',
] as const;
/** What an application server is for: dynamic content, business logic, running code. */
export const APP_TRAITS = [
  'dynamic\\w*', 'business ?logic', 'logic', 'applications? code', 'code', 'process\\w*', 'execut\\w*', 'runs?', 'running', 'generat\\w*',
  'computations?', 'comput\\w*', 'api', 'back ?end', 'python', 'php', 'java', 'ruby', 'scripts?', 'database queries', 'quer(?:y|ies)',
  'interact\\w* with the database', 'talks? to the database', 'calculat\\w*', 'render\\w*', 'dynamiques?', 'logique', 'metier', 'genere\\w*',
  'traite\\w*', 'calcul\\w*',
] as const;

// ---------------------------------------------------------------------------------------------
// Languages: function words tell them apart (technical words are the same in every language).

export const FUNCTION_WORDS: Record<'en' | 'fr' | 'es' | 'de' | 'pt', readonly string[]> = {
  en: ('the and is are of to in for with that this it on as be by an or from which when each one all its their can will if not into so than '
    + 'also has have was were but we our more used uses use there here too much many very just then would could should may might must do does been being such').split(' '),
  fr: 'le la les de des du un une est et en pour avec dans sur que qui pas sont au aux ce cette ces il elle nous vous ils leur leurs par plus ou être'.split(' '),
  es: 'el los las del y es por con para una uno se su sus al lo como más está son'.split(' '),
  de: 'der die das und ist mit für nicht ein eine zu den dem von auf sich auch'.split(' '),
  pt: 'o os da do dos das um uma com não em é são'.split(' '),
};
/** Languages whose explanations infralint reads. */
export const READ_LANGUAGES = ['en', 'fr'] as const;
