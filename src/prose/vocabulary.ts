/**
 * What the prose rules look for, as patterns over normalised text (lower case, separators as
 * spaces: see normaliseText). Kept apart from the logic so that each pattern can be read, tested and
 * defended in a rule's doc.
 */

/** Topics an explanation can be about. */
export type Topic = 'lb-cluster' | 'added-server' | 'server-pool' | 'split' | 'web-server' | 'app-server';

export const TOPIC_PATTERNS: Record<Topic, RegExp> = {
  'lb-cluster':
    /\b(second|2nd|another|two|2|additional|extra|new|pair of|both|multiple|redundant)\b.{0,25}\b(load ?balanc\w*|lbs?|haproxy)\b|\b(load ?balanc\w*|lbs?|haproxy)\b.{0,30}\b(cluster\w*|pair|redundan\w*|active ?active|active ?passive|failover|fail over|backup|standby)\b|(?<!\b(?:database|db|my ?sql|mariadb|postgres\w*|sql|replica\w*|data) )\bcluster\w*\b(?! (for|of) (the )?(my ?sql|database|db|data)\b)|\bactive ?(active|passive)\b|\bkeepalived\b|\bvrrp\b|\bfailover\b/,
  // The server this design adds, not servers one could add later ("add more servers to scale"). A
  // load balancer's machine ("a second HAProxy server") is the cluster, and "add a web server" is
  // the split. A design that introduces "additional servers" adds them now. A list that names
  // "Server" as one of the added elements is about it too.
  'added-server':
    /\b(additional|extra|third|3rd|one more|new|fourth|4th|added)\b.{0,12}(?<!\b(haproxy|balanc\w*|lbs?|proxy) )\bserver\b(?!s)|\bserver\b.{0,15}\b(was|is|has been) added\b|\badd(ing|ed|s)?\b.{0,6}\b(a|one|an|another)\b.{0,15}(?<!\b(haproxy|balanc\w*|lbs?|proxy|web|app|application|database|db|nginx|gunicorn) )\bserver\b(?!s)|\banother server\b|\b(introduc\w*|add(s|ed|ing)?|deploy\w*|provision\w*)\b.{0,12}\b(additional|extra|new)\b.{0,12}\bservers\b|^(the )?(new |additional |extra )?servers?$/,
  // Several machines of one tier ("Web Servers (2x)", "app servers scale horizontally"): explains the
  // additional server only with a reason for having more than one (see REDUNDANCY).
  'server-pool': /\b(web|app|application|back ?end) ?servers\b/,
  split:
    /\b(split\w*|separat\w*|dedicated|own (server|machine|host)s?|their own|its own|isolat\w*|decoupl\w*|distinct|individual|different servers|each (component|tier|layer|server|role)|one server (per|for each)|tier(s|ed)?|layer(s|ed)?|separation)\b/,
  'web-server': /\b(web ?servers?|nginx|apache2?|web ?tier|web ?layer|http ?servers?)\b/,
  'app-server': /\b(app(lication)? ?servers?|app ?tier|application ?tier|gunicorn|uwsgi|php ?fpm|tomcat|node ?js|app ?layer)\b/,
};

/** Words without which a topic's pattern cannot match: a cheap test that skips the costly one. */
export const TOPIC_PREFILTERS: Partial<Record<Topic, RegExp>> = {
  'lb-cluster': /balanc|lb|haproxy|cluster|active|keepalived|vrrp|failover/,
  'added-server': /server/,
  'server-pool': /servers/,
};

/** The split topic needs the components it splits to be named too. */
export const SPLIT_SUBJECT = /\b(web|app|application|database|db|my ?sql|nginx|gunicorn|components?|tiers?|layers?|roles?|services?)\b/;

/** "Add more web servers": scaling the design later, not the server this design adds. */
export const FUTURE_SCALING = /\bmore\b.{0,15}\bservers\b/;

/** A load balancer named. */
export const LOAD_BALANCER = /\b(load ?balanc\w*|lbs?|haproxy)\b/;

/** Reasons for having more than one machine in a tier: what justifies the additional server. */
export const REDUNDANCY = /\b(redundan\w*|fault ?toleran\w*|horizontal\w*|single (server|machine) failure)\b/;

/** Words and phrases that give a reason, not just a name. */
export const REASON =
  /\b(because|so that|so the|so it|in order to|in case|which means|thanks to|since|as a result|therefore|thus|hence|to (ensure|avoid|prevent|handle|provide|improve|increase|allow|eliminate|distribute|reduce|remove|make|keep|guarantee|achieve|support|spread|balance|share|split|absorb|serve|protect|scale|prevent|offload|isolate)|ensur\w*|avoid\w*|prevent\w*|eliminat\w*|spofs?|single points? of failure|redundan\w*|high(ly)? availab\w*|availability|fault ?toleran\w*|failover|fail over|takes? over|if (one|a|the|it|any)\b.{0,60}\b(fail\w*|down|crash\w*|unavailable|stops?)|scal\w*|performan\w*|reliab\w*|resilien\w*|secur\w*|independen\w*|bottlenecks?|contention|overload\w*|downtime|uptime|allow\w*|enabl\w*|improv\w*|benefits?|helps?|reduc\w*|increas\w*|more (traffic|requests|load|capacity)|distribut\w*|capacity|optimi[sz]\w*|maintenan\w*|maintain\w*|easier|efficien\w*|purpose|reason|why|compet\w*|interfer\w*|specializ\w*|specialis\w*|tun(e|ed|ing)|dedicated resources|without affecting|continu\w*|requir\w*)\b/;

/** Sections whose lines list problems: "Issues", "Weaknesses", "SPOF"... */
export const ISSUES_HEADING = /\b(issues?|problems?|limitations?|weakness\w*|drawbacks?|cons|spofs?|single points? of failure|risks?|concerns?|vulnerabilit\w*|what is missing|missing)\b/;
/** Headings that name problems to say they are solved ("Solving previous issues", "Separation of concerns"). */
export const SOLVED_HEADING = /\b(solv\w*|solutions?|fix\w*|resolv\w*|addressing|addressed|mitigat\w*|remov\w*|eliminat\w*|avoid\w*|separation of concerns|improvements?)\b/;

/** A negation close to a mention: "there is no firewall", "without monitoring". */
export const NEGATION = /\b(no|not|without|lacks?|lacking|missing|absent|isn t|isnt|doesn t|doesnt|don t|dont|never|none|neither|nor)\b/;

/** Cluster modes the prose and the diagram may state. */
export const ACTIVE_ACTIVE = /\bactive ?active\b/;
export const ACTIVE_PASSIVE = /\b(active ?passive|primary ?(backup|secondary|standby)|master ?(backup|slave|standby)|hot ?standby|standby|passive)\b/;

/** Web server characterised: HTTP, static content, reverse proxy. */
export const WEB_TRAITS = /\b(static|https?|requests?|reverse ?proxy|proxy\w*|html|css|images?|files?|pages?|ssl|tls|termination|connections?|serv(e|es|ing) (content|pages|files))\b/;
/** Application server characterised: dynamic content, business logic, running code. */
export const APP_TRAITS = /\b(dynamic\w*|business ?logic|logic|applications? code|code|process\w*|execut\w*|runs?|running|generat\w*|computations?|api|back ?end|python|php|java|ruby|scripts?|database queries|interact\w* with the database|queries)\b/;

/** Common function words, to tell English from the languages students also write in. */
export const ENGLISH_WORDS = new Set(
  'the and is are of to in for with that this it on as be by an or from which when each one all its their can will if not into so than also has have was were but we our more used uses use'.split(' '),
);
export const OTHER_LANGUAGE_WORDS = new Set(
  ('le la les des du un une est et en pour avec dans sur que qui pas sont au aux ce cette ces il elle nous vous ils leur leurs par plus ou être '
    + 'el los las del y es por con para una uno que se su sus al lo como más está son '
    + 'der die das und ist mit für nicht ein eine zu den dem von auf sich auch '
    + 'o os da do dos das um uma com não em para é são').split(' '),
);
