/**
 * Examples and counter-examples of every vocabulary of the prose stage (src/vocabulary.ts and
 * src/prose/lexicon.ts), in plain text (see plainText: lower case, separators and apostrophes read
 * as spaces, no accents, digits split from letters). `match`: phrases as students write them, each
 * entry of the list matched by at least one. `miss`: phrases a keyword reader could take for the
 * concept, matched by no entry. Held to the lists by lexicon.test.ts.
 */
export const LEXICON_EXAMPLES: Record<string, { match: string[]; miss: string[] }> = {
  // ---------------------------------------------------------------------------------------------
  // Components (src/vocabulary.ts).
  LOAD_BALANCER_NAMES: {
    match: [
      'the load balancer sends the traffic to the servers', 'two loadbalancers in front of the web servers', 'haproxy 2 is passive', 'ha proxy on lb 1',
      'both balancers share a virtual ip', 'why a load balacer', 'the loadbalencer in front', 'le repartiteur de charge distribue les requetes', 'deux equilibreurs de charge', 'l equilibrage de charge se fait en round robin',
    ],
    miss: ['the load is balanced across the servers', 'nginx as a reverse proxy', 'la charge du serveur augmente'],
  },
  WEB_SERVER_NAMES: {
    match: [
      'web srv serves files',
      'the web server serves static files', 'two webservers', 'nginx listens on port 80', 'apache 2 or httpd', 'the web tier', 'the web layer', 'an http server',
      'le serveur web', 'un serveur frontal', 'deux serveurs frontaux',
    ],
    miss: ['the website www.foobar.com', 'the user s web browser', 'http requests from the client'],
  },
  APP_SERVER_NAMES: {
    match: [
      'app srv runs the code',
      'the app server runs the code', 'the aplication server', 'the app tier', 'the application tier', 'the app layer', 'gunicorn runs the flask app', 'uwsgi', 'unicorn', 'puma',
      'a node.js backend', 'php fpm', 'tomcat', 'le serveur d application', 'un serveur applicatif',
    ],
    miss: ['the application layer of the osi model', 'the application code', 'the mobile app'],
  },
  CODE_BASE_NAMES: {
    match: [
      'the code base', 'two codebases', 'the source code of the site', 'the application files', 'app files', 'website files', 'web app files', 'site files',
      'project files', 'source files', 'code files', 'the application code', 'app code', 'the python code', 'les fichiers de l application', 'le code source',
    ],
    miss: ['the http status code 200', 'a qr code on the page', 'the static files', 'the log files'],
  },
  DATABASE_NAMES: {
    match: [
      'the database stores the data', 'two data bases', 'the db primary', 'mysql replica', 'my sql', 'mariadb', 'postgresql', 'mongodb', 'la base de donnees',
    ],
    miss: ['the data is replicated', 'sql queries', 'les donnees des utilisateurs'],
  },
  DB_PRIMARY_NAMES: {
    match: ['mysql primary', 'the master database', 'the main db', 'the writer node', 'the leader', 'la base principale', 'le serveur principal', 'le maitre'],
    miss: ['mysql replica', 'the slave database', 'the secondary node'],
  },
  DB_REPLICA_NAMES: {
    match: [
      'mysql replica', 'two replicas', 'the slave database', 'two slaves', 'the secondary node', 'a standby database', 'a follower', 'two followers', 'the reader node',
      'two readers', 'a read only copy', 'la replique', 'deux repliques', 'l esclave', 'deux esclaves',
    ],
    miss: ['mysql primary', 'the master database', 'the main db'],
  },
  REPLICATION_TERMS: {
    match: ['the primary replicates to the replica', 'the databases are synced', 'the binlog is shipped', 'a primary replica cluster', 'a master slave pair'],
    miss: ['the primary takes the writes', 'two databases', 'the replica serves reads'],
  },
  FIREWALL_NAMES: {
    match: ['three firewalls', 'a fire wall in front of each server', 'ufw allows port 443', 'iptables rules', 'un pare feu', 'des parefeux'],
    miss: ['a security group allows port 22', 'fail 2 ban blocks the ip', 'port 80 is open'],
  },
  MONITORING_NAMES: {
    match: [
      'the monitoring client', 'a sumo logic agent', 'sumologic', 'datadog', 'new relic', 'prometheus and grafana', 'nagios', 'zabbix', 'la surveillance des serveurs',
      'un outil de supervision',
    ],
    miss: ['the agent monitors the qps', 'logs and metrics', 'a health check'],
  },
  MONITORING_PRODUCTS: {
    match: ['sumo logic collects the logs', 'sumologic', 'a datadog agent', 'new relic', 'prometheus scrapes the servers', 'a grafana dashboard', 'nagios', 'zabbix'],
    miss: ['the monitoring service', 'a log collector', 'an uptime check'],
  },
  MONITORING_AGENT_NAMES: {
    match: [
      'a monitoring client on each server', 'the sumo logic agent', 'a data collector for sumo logic', 'the node exporter', 'a log forwarder', 'a log shipper', 'filebeat',
      'the datadog daemon', 'a probe', 'un collecteur de donnees', 'une sonde',
    ],
    miss: ['the monitoring service', 'sumo logic collects the logs', 'a dashboard of the qps'],
  },
  MONITORING_SERVICE_NAMES: {
    match: [
      'the monitoring service', 'the sumo logic platform', 'a grafana dashboard', 'monitoring tools', 'the monitoring system', 'a saas', 'the datadog console',
      'centralised monitoring', 'an external monitoring', 'remote monitoring', 'la plateforme de supervision', 'un outil de supervision', 'un tableau de bord',
    ],
    miss: ['the monitoring client', 'a sumo logic agent on server 1', 'the web server'],
  },
  CERTIFICATE_NAMES: {
    match: ['an ssl certificate', 'tls termination', 'served over https', 'le certificat', 'des certificats'],
    miss: ['plain http on port 80', 'the cert is renewed', 'a certification'],
  },
  MACHINE_NAMES: {
    match: ['three servers', 'one machine', 'the host', 'two boxes', 'a node', 'an instance', 'two vms', 'a droplet', 'un serveur'],
    miss: ['the website is served by nginx', 'the hostname resolves', 'hosted on the same hardware'],
  },
  CLUSTER_TERMS: {
    match: [
      'the load balancers are clustered', 'an active active setup', 'active passive', 'keepalived and vrrp', 'heartbeats between them', 'automatic failover', 'they fail over',
      'a hot standby', 'a floating ip', 'a virtual ip', 'the vip', 'une grappe de repartiteurs', 'le basculement', 'une ip virtuelle', 'une ip flottante',
    ],
    miss: ['the active load balancer', 'a public ip address', 'a second load balancer'],
  },
  ACTIVE_ACTIVE_TERMS: {
    match: ['an active active cluster', 'en mode actif actif', 'both load balancers are active', 'both haproxy servers share the traffic'],
    miss: ['active passive', 'the active one sends the traffic', 'both servers are up'],
  },
  ACTIVE_PASSIVE_TERMS: {
    match: [
      'active passive mode', 'a primary secondary setup', 'master slave replication', 'a hot standby', 'the standby lb', 'it is in stand by', 'the passive one', 'en mode actif passif',
      'le serveur passif', 'le serveur de secours',
    ],
    miss: ['active active', 'the primary database', 'both are active'],
  },

  // ---------------------------------------------------------------------------------------------
  // A load balancer of a pair, the added server (src/prose/lexicon.ts).
  PAIR_MODIFIERS: {
    match: [
      'the second haproxy', 'the 2 nd haproxy', 'one more load balancer', 'another lb', 'an additional load balancer', 'an extra haproxy', 'a new load balancer', 'both load balancers', 'two load balancers',
      '2 load balancers', 'a pair of haproxy servers', 'the other lb', 'a backup lb', 'a standby load balancer', 'a stand by lb', 'a passive haproxy', 'a secondary load balancer',
      'redundant load balancers', 'dual load balancers', 'multiple load balancers', 'un deuxieme repartiteur de charge', 'une seconde instance', 'un autre load balancer',
      'un nouveau repartiteur', 'un nouvel equilibreur', 'deux repartiteurs', 'un haproxy supplementaire',
    ],
    miss: ['a single load balancer', 'otherwise the site is down', 'a response within seconds'],
  },
  OTHER_CLUSTERS: {
    match: ['a mysql cluster', 'a cluster of servers'],
    miss: ['a cluster of load balancers', 'the haproxy cluster'],
  },
  ADDED_MODIFIERS: {
    match: [
      'an additional server', 'the extra machine', 'the third server', 'one more server', 'a new server', 'the added server', 'a fourth box', 'the 3 rd server', 'the 4 th machine', 'une machine supplementaire',
      'un troisieme serveur', 'un nouveau serveur', 'un nouvel hote', 'le serveur ajoute',
    ],
    miss: ['the existing server', 'we renewed the ssl certificate', 'the newest release of nginx'],
  },
  ADDED_MODIFIERS_AFTER: {
    match: ['un serveur supplementaire', 'un serveur additionnel', 'un serveur de plus', 'une machine en plus', 'le serveur ajoute'],
    miss: ['un serveur plus puissant', 'plusieurs serveurs web'],
  },
  ADD_VERBS: {
    match: [
      'we add a server', 'introducing a second lb', 'we provisioned a new droplet', 'deploy the code', 'this brings in a firewall', 'we brought in a load balancer', 'on ajoute un serveur',
    ],
    miss: ['the ip address of the server', 'an additional server'],
  },

  // ---------------------------------------------------------------------------------------------
  // The split.
  SPLIT_TERMS: {
    match: [
      'ils sont chacun sur une machine', 'sur des serveurs differents',
      'they no longer mix', 'the tiers no longer cohabit', 'on ne melange plus les roles', 'ils ne partagent plus',
      'we split the stack', 'separate servers', 'keep the tiers apart', 'each component runs on its own server', 'each tier has a server', 'each server now runs only one',
      'each component runs alone', 'each one on its own server', 'they no longer share the same machine', 'they don t share resources', 'a dedicated server', 'isolated tiers',
      'decoupling the tiers', 'their own servers', 'one server per component', 'a single tier per machine', 'on different machines', 'a three tier architecture', 'a tiered design', 'la separation des couches',
      'un serveur dedie', 'la base est isolee', 'chacun sur son propre serveur', 'sur leurs propres serveurs', 'chacun son serveur',
    ],
    miss: ['secure sockets layer', 'they share the same server', 'the application layer'],
  },
  SPLIT_PARTS: {
    match: [
      'chacun',
      'the web and app servers', 'the application', 'the database', 'the db', 'mysql', 'nginx and gunicorn', 'the components', 'the tiers', 'the layers', 'the roles', 'the services',
      'the stack', 'each', 'the parts', 'les composants', 'les couches', 'la base de donnees', 'chaque', 'les parties',
    ],
    miss: ['the load balancer and the firewall', 'the website www.foobar.com'],
  },
  NOT_SPLIT: {
    match: [
      'they separate each server from the internet',
      'haproxy splits the incoming requests', 'it splits traffic', 'the firewalls separate the public network', 'we split the database into a primary and a replica','secure sockets layer', 'transport layer security', 'the osi application layer', 'a layer 4 load balancer', 'layer seven routing'],
    miss: ['the web layer', 'the app layer', 'the database layer'],
  },

  // ---------------------------------------------------------------------------------------------
  // Reasons.
  PURPOSE_MARKERS: {
    match: [
      'in order to remove the spof', 'so as to share the load', 'so that the site stays up', 'afin de repartir la charge', 'afin que le site reste disponible', 'pour que le site reste en ligne',
      'de sorte que', 'de facon a eviter une panne', 'de maniere a', 'dans le but de',
    ],
    miss: ['the requests are served in order', 'so many requests', 'pour la base de donnees'],
  },
  CAUSE_MARKERS: {
    match: [
      'because the lb is a spof', 'becuse', 'beacuse', 'becasue', 'becouse', 'bcause', 'coz', 'cuz', 'since the database is alone', 'due to the load', 'given that', 'thanks to the vip',
      'as otherwise', 'car le serveur', 'parce que', 'puisque', 'grace a', 'etant donne',
    ],
    miss: ['the cause of the outage', 'this caused downtime', 'la carte reseau'],
  },
  CONSEQUENCE_MARKERS: {
    match: [
      'that is why we split', 'this is why', 'which is why we added', 'that s why',
      'alors le deuxieme prend le trafic',
      'therefore', 'thus', 'hence', 'as a result', 'consequently', 'which means', 'this means', 'that means', 'it means', 'meaning', 'this way', 'that way', 'thereby', 'in turn',
      'like this', 'donc', 'ainsi', 'par consequent', 'ce qui', 'de ce fait', 'c est pourquoi', 'comme ca', 'comme cela', 'de cette facon',
      'a crash leads to downtime', 'leading to errors', 'it led to an outage', 'it results in lost requests', 'resulting in timeouts', 'it causes errors', 'causing slow pages', 'cela entraine une panne', 'ce qui provoque des erreurs',
    ],
    miss: ['the result of the query', 'the mean response time', 'ce serveur', 'the lead developer', 'a good cause'],
  },
  ENABLING_VERBS: {
    match: [
      'the new machine made room for mysql',
      'it lets the other take over', 'it allows scaling', 'it makes room for more traffic', 'it enables https', 'ufw permits port 443', 'it makes it possible', 'making possible', 'it gives us the ability to scale', 'permet de',
      'permettra', 'rend possible',
    ],
    miss: ['a permission error', 'it makes it impossible', 'a free certificate from let s encrypt'],
  },
  EFFECT_VERBS: {
    match: [
      'it ensures uptime', 'it guarantees', 'it prevents downtime', 'it avoids a spof', 'it removes the spof', 'it eliminates', 'it reduces the load', 'it lowers latency', 'it limits the damage',
      'it minimises', 'it improves', 'it increases', 'it boosts', 'it protects', 'it keeps the site up', 'kept', 'it helps', 'it makes sure', 'it gets rid of', 'it frees up memory',
      'it spares the database', 'it absorbs the spikes', 'eviter', 'cela evite', 'cela garantit', 'cela assure', 'cela ameliore', 'cela augmente', 'cela reduit', 'reduire',
      'cela supprime', 'cela elimine', 'cela protege', 'cela empeche',
    ],
    miss: ['a rate limiter', 'the free plan', 'keepalived sends heartbeats'],
  },
  GIVING_VERBS: {
    match: [
      'it provides redundancy', 'it adds redundancy', 'it offers', 'it brings', 'it brought', 'it gives', 'it gave', 'it achieves', 'we gain', 'add', 'it means', 'il fournit', 'il offre',
      'il apporte', 'il donne',
    ],
    miss: ['the ip address', 'an additional server', 'un serveur supplementaire'],
  },
  QUALITIES: {
    match: [
      'redundancy', 'availability', 'highly available', 'it stays available', 'reliability', 'resilience', 'fault tolerance', 'scalability', 'performance', 'security', 'safety',
      'maintainability', 'capacity', 'throughput', 'speed', 'uptime', 'isolation', 'independence', 'stability', 'robustness', 'flexibility', 'efficiency', 'failover', 'fail over',
      'backup', 'continuity', 'load sharing', 'more resources', 'headroom', 'scaling', 'redondance', 'disponibilite', 'haute disponibilite', 'fiabilite', 'tolerance aux pannes',
      'evolutivite', 'securite', 'robustesse', 'continuite',
    ],
    miss: ['the server is available', 'the scale of the project'],
  },
  REDUNDANCY_QUALITIES: {
    match: [
      'horizontal scaling', 'scale out', 'redundancy', 'availability', 'high availability', 'it remains available', 'reliability', 'resilience', 'fault tolerance', 'failover', 'fail over',
      'backup', 'uptime', 'continuity', 'redondance', 'disponibilite', 'tolerance aux pannes', 'continuite', 'secours',
    ],
    miss: ['vertical scaling', 'better performance', 'security'],
  },
  FAILURE_PROBLEMS: {
    match: [
      'all the users are locked out',
      'the site no longer depends on a single haproxy', 'ne plus dependre d une seule machine',
      'spofs', 'single points of failure', 'a weak point', 'downtime', 'an outage', 'the site goes down', 'the site will go offline', 'it takes the whole site down', 'it brings the website down',
      'un point de defaillance unique', 'le spof', 'une indisponibilite', 'une panne totale',
    ],
    miss: ['scale down at night', 'a single server', 'the point of the load balancer'],
  },
  CAPACITY_PROBLEMS: {
    match: [
      'it would not be able to handle the traffic', 'traffic exceeding the capacity',
      'two machines could not host three components', 'one box cannot hold them all',
      'a bottleneck', 'overloaded', 'cpu contention', 'they compete for memory', 'fighting for ram', 'it interferes', 'starved', 'timeouts', 'it slows everything down', 'the app is slowed by the database', '502 errors',
      'noisy neighbours', 'waiting for the database', 'more requests than one server can handle', 'too many requests', 'not enough memory', 'it cannot handle the load',
      'running at 100% cpu', 'near its limits', 'saturated', 'un goulot d etranglement', 'une surcharge',
    ],
    miss: ['the server handles the load', 'the server has enough memory', 'the slow query log'],
  },
  SECURITY_PROBLEMS: {
    match: ['exposed to the internet', 'attacks', 'a data breach', 'compromised', 'intruders', 'reachable from the internet', 'des attaques'],
    miss: ['https encrypts the traffic', 'the firewall blocks port 3306', 'reachable only from the app server'],
  },
  CONTAINMENT: {
    match: [
      'a crash in one part doesnt kill the rest', 'it does not take down the others', 'a bug cannot affect the rest','a problem stays on that tier', 'the failure is contained', 'it does not spread', 'without spreading', 'le probleme reste sur ce serveur'],
    miss: ['it runs in a docker container', 'the site stays online'],
  },
  FAILURES: {
    match: [
      'the site falls down', 'when it falls over',
      'if it gets a problem', 'when the active has an issue', 'having a failure',
      'a long query could freeze the page', 'if the first one is off', 'when it is switched off',
      'if lb 1 fails', 'if it dies', 'the loss of lb 1', 'losing one server', 'if it is gone', 'dying', 'dead', 'it crashes', 'it goes down', 'it went down', 'it is down', 'both are down', 'it breaks', 'it is broken', 'it stops',
      'it goes silent', 'il s arrete', 'il arrete de fonctionner', 'it becomes unavailable', 'it is unavailable', 'unreachable', 'it is lost', 'it goes offline', 'it is offline', 'it hangs',
      'maintenance', 'il tombe en panne', 'il tombe', 'en panne', 'une panne', 'une defaillance', 'il plante', 'il ne repond plus', 'indisponible', 'crash', 'if it loses power', 'a power cut', 'a hardware fault',
    ],
    miss: ['automatic failover', 'the backup server takes over', 'a healthy server'],
  },
  OUTAGE: {
    match: [
      'the site is down', 'the whole website goes down', 'downtime for every deploy', 'the site is offline', 'a short outage', 'the site is unavailable', 'it is not available',
      'foobar com is unreachable', 'the site is not reachable', 'the site is inaccessible', 'the page is not accessible', 'the server becomes unresponsive',
      'the service is interrupted', 'it disrupts the visitors', 'users are locked out', 'the users are disconnected', 'customers can t place orders', 'the users will have to wait', 'visitors are cut off', 'the users lose access', 'users cannot load any page', 'the site cannot be reached', 'it cuts the site off', 'the requests arriving are lost', 'a crash stops the whole website', 'then everything stops', 'no website at all',
      'plus personne n accede au site', 'personne ne peut commander', 'the visitors get nothing at all', 'nobody can use the website', 'no visitor can reach either server', 'visitors get a 502 error', 'an error page', '503 service', 'a bad gateway page',
      'the site stops answering', 'the website does not respond', 'the site doesn t load', 'there is no website', 'users see nothing at all', 'the site disappears',
      'the site is gone', 'the site goes dark', 'server down site down', 'it takes the whole site offline', 'it brings the whole website down', 'le site est indisponible', 'le site est hors ligne',
      'le site est coupe', 'une coupure', 'le service est interrompu', 'les utilisateurs ne peuvent plus acceder au site', 'le site n est plus accessible',
    ],
    miss: ['the site slows when traffic grows', 'the server restarts at night', 'the errand of the user', 'no website configuration change'],
  },
  DENIED_ISSUES: {
    match: [
      'there is no downtime', 'zero downtime deploys', 'without any interruption', 'scaling is not really a problem here', 'this isn t an issue', 'no real problem with scaling',
      'ce n est pas vraiment un probleme', 'aucun probleme', 'sans coupure', 'monitoring not a problem here', 'security not really an issue for us',
      'backups not a concern in our setup',
    ],
    miss: ['the downtime is a problem', 'it is a real issue for users', 'no monitoring is a concern', 'not having a firewall is a problem here'],
  },
  CONTINUITY: {
    match: [
      'either of them can carry the visitors', 'each one can handle all the traffic',
      'then it takes the place of the active', 'the traffic never stops', 'the site does not go down', 'the other continues', 'the other one works',
      'the other takes all the traffic', 'l autre prend tout le trafic', 'l autre continue',
      'the other takes over', 'it took over', 'taking over', 'it keeps serving', 'it stays online', 'it remains available', 'it survives', 'it still works', 'it continues to serve',
      'it carries on', 'no downtime', 'without any downtime', 'it picks up the traffic', 'it steps in', 'in its place', 'it covers for the other', 'they back each other up', 'it backs it up',
      'the other one handles the traffic', 'il prend le relais', 'prendre le relais', 'il reprend le trafic', 'il prend sa place', 'il le remplace', 'il continue a fonctionner',
      'il reste disponible', 'sans interruption',
    ],
    miss: ['the server goes down', 'the other server', 'remplacer le disque'],
  },
  CONDITION_MARKERS: {
    match: [
      'as soon as the main one stops', 'the moment it goes quiet', 'des que le premier tombe', 'au moment ou il tombe',
      'if lb 1 fails', 'when one dies', 'whenever', 'in case of failure', 'in the event of', 'should it fail', 'once it crashes', 'even if', 'si le serveur tombe', 's il tombe', 'lorsque',
      'quand', 'en cas de panne', 'au cas ou',
    ],
    miss: ['the event loop of node', 'a single point', 'the website'],
  },
  COUNTERFACTUAL_MARKERS: {
    match: [
      'instead of sharing one box', 'rather than one machine', 'au lieu de partager', 'plutot que de tout melanger', 'avec seulement deux serveurs',
      'without it', 'otherwise', 'or else', 'no longer', 'not anymore', 'if we only had one', 'haproxy alone would fail', 'only one server', 'just one lb', 'with only one load balancer', 'sans lui', 'sinon',
      'le site ne fonctionne plus', 'il n est plus disponible',
    ],
    miss: ['with a second load balancer', 'one of the servers', 'plus de serveurs'],
  },
  NEED_MARKERS: {
    match: ['the site needs', 'it is needed', 'it requires', 'necessary', 'essential', 'indispensable', 'le site a besoin de', 'necessaire', 'il faut'],
    miss: ['optional', 'nice to have', 'le besoin'],
  },
  ISOLATION: {
    match: [
      'the db runs alone', 'on its own', 'by itself', 'their own machine', 'a dedicated host', 'separately', 'isolated', 'kept apart', 'away from the web server', 'not shared',
      'no longer shared', 'a single purpose box', 'only the database runs there', 'seul', 'toute seule', 'dedie', 'isole', 'son propre serveur',
    ],
    miss: ['shared hosting', 'a single server', 'the same machine'],
  },
  INDEPENDENCE: {
    match: [
      'scaled independently', 'individually', 'on their own', 'alone', 'in isolation', 'without affecting the others', 'independamment', 'separement', 'toutes seules', 'sans affecter',
    ],
    miss: ['independent servers', 'together', 'sans interruption'],
  },
  MODALS: {
    match: ['it can scale', 'it could', 'it may', 'it will be able', 'it is able', 'they are able', 'il peut', 'ils peuvent', 'il pourra'],
    miss: ['a canary deployment', 'unable to connect', 'peu de serveurs'],
  },
  TASK_STATEMENT: {
    match: [
      'it was scaled up as the task asked',
      'the task requires', 'we are asked to add', 'explain some specifics', 'why you are adding it', 'you must add', 'vous devez ajouter', 'etre capable d expliquer', 'pourquoi vous l ajoutez',
      'as required by the task',
    ],
    miss: ['the load balancer requires a vip', 'the app server s task is to run code'],
  },
  FUTURE: {
    match: [ 'new servers can be added easily',
      'we can keep adding more servers', 'adding more app nodes',
       'later', 'in the future', 'if needed', 'when needed', 'as needed', 'if the traffic grows', 'we can easily add', 'plus tard', 'a l avenir',
    ],
    miss: ['we added a third server', 'the latest nginx version'],
  },
  BEFORE_MARKERS: {
    match: ['before', 'previously', 'they used to share', 'in task 2', 'earlier', 'formerly', 'originally', 'avant', 'auparavant'],
    miss: ['nginx is used as a reverse proxy', 'in task 3', 'un avantage'],
  },
  NOW_MARKERS: {
    match: ['now each tier', 'nowadays', 'from now on', 'this time', 'maintenant', 'desormais'],
    miss: ['known issues', 'this timeout'],
  },
  REFERENCES_BACK: {
    match: [
      'with it the site stays up', 'thanks to this', 'avec lui la base de donnees', 'grace a cela',
      'it handles', 'its role', 'this machine', 'that server', 'they', 'these', 'those', 'them', 'the latter', 'the former', 'both', 'the new one', 'the pair', 'il', 'elle', 'ils', 'elles',
      'ce serveur', 'cela', 'celui ci', 'celle ci',
    ],
    miss: ['the server itself', 'then the request goes to nginx'],
  },
  ROLE_STATEMENTS: {
    match: [
      'haproxy acts as', 'serves as', 'works as', 'functions as', 'is used as', 'is responsible for', 'plays the role of', 'takes the role of', 'sert de', 'joue le role', 'fait office de',
    ],
    miss: ['nginx serves static files', 'the role of the firewall', 'it works well'],
  },
  WHY_LABELS: {
    match: [
      'why', 'reasons', 'purpose', 'rationale', 'justification', 'benefits', 'advantages', 'goal', 'motivation', 'pourquoi', 'raison', 'objectif', 'avantages', 'le but', 'interet',
      'consequence', 'effect', 'impact on users', 'what happens', 'risk for users',
    ],
    miss: ['how it works', 'description of the design', 'components'],
  },

  // ---------------------------------------------------------------------------------------------
  // Problems and negation.
  ISSUES_LABELS: {
    match: [
      'issues', 'problems', 'limitations', 'weaknesses', 'drawbacks', 'cons', 'spofs', 'single point of failure', 'risks', 'concerns', 'vulnerabilities', 'what is missing', 'missing',
      'problemes', 'faiblesses', 'limites', 'inconvenients',
    ],
    miss: ['solutions', 'consistency of the data', 'improvements'],
  },
  SOLVED_LABELS: {
    match: [
      'solving previous issues', 'solutions', 'fixes', 'resolved', 'addressing the spof', 'addressed', 'mitigation', 'removed spofs', 'eliminating', 'avoiding', 'separation of concerns',
      'improvements',
    ],
    miss: ['ip address of the lb', 'remaining issues'],
  },
  PAIR_REFERENCES: {
    match: [
      'the pair takes over', 'both of them answer', 'either one can serve', 'either balancer', 'either of them','the other takes everything', 'its twin', 'the backup one', 'the survivor', 'they watch each other', 'l autre'],
    miss: ['another server', 'the others', 'un autre serveur'],
  },
  NEGATIONS: {
    match: [
      'no firewall', 'not monitored', 'without monitoring', 'it lacks a firewall', 'lacking', 'missing', 'absent', 'it isn t encrypted', 'it isnt', 'it doesn t have', 'it doesnt',
      'we don t', 'never', 'none', 'neither', 'nor', 'pas de pare feu', 'sans pare feu', 'aucun', 'ni',
    ],
    miss: ['a notification is sent', 'the node in the north region'],
  },
  ABSENT_AFTER: {
    match: ['ssl missing', 'firewalls are absent', 'monitoring none', 'firewall is disabled', 'monitoring not configured', 'agent not yet installed', 'https not set up'],
    miss: ['firewall configured', 'monitoring is enabled on every server', 'database not publicly available'],
  },
  NOT_THIS_DESIGN: {
    match: [
      'at least', 'up to', 'the previous design', 'before', 'earlier', 'task 2', 'the old design', 'could', 'would', 'might', 'future', 'later', 'in the future', 'instead of', 'if', 'when',
      'should', 'what if', 'in case', 'suppose',
    ],
    miss: ['in task 3', 'the current design'],
  },

  // ---------------------------------------------------------------------------------------------
  // Cluster modes, web and application servers.
  PASSIVE_BEHAVIOUR: {
    match: ['haproxy 2 waits', 'it stays idle', 'it stays ready', 'it only takes over when haproxy 1 fails'],
    miss: ['waiting for requests', 'the only load balancer'],
  },
  STANDBY_BEHAVIOUR: {
    match: [
      'the other waits', 'one node is idle', 'it stays ready', 'it only takes over when the first fails', 'the second stays on standby', 'one server is standing by',
      'the passive one is waiting', 'it receives nothing until the active one goes down', 'it would only be used when the first fails', 'then it takes its place',
      'it takes over', 'l autre reste en attente', 'il attend', 'jusqu a ce qu il tombe',
      'server 2 does nothing unless server 1 is down', 'it keeps a node unused', 'a node not used', 'it stays on hold', 'one kept in reserve', 'a hot spare', 'it sits ready',
      'it becomes active if the primary crashes', 'the standby is promoted', 'only the active one does',
    ],
    miss: ['both servers serve at the same time', 'the load is shared', 'each node handles traffic'],
  },
  WEB_TRAITS: {
    match: [
      'static content', 'http', 'requests', 'a reverse proxy', 'proxying', 'html', 'css', 'images', 'files', 'pages', 'ssl', 'tls', 'termination', 'connections', 'it serves the content',
      'assets', 'the front end', 'des fichiers statiques', 'les requetes', 'mandataire inverse', 'proxy inverse',
    ],
    miss: ['dynamic content', 'business logic', 'database queries'],
  },
  APP_TRAITS: {
    match: [
      'dynamic content', 'business logic', 'logic', 'the application code', 'code', 'processing', 'it executes', 'it runs', 'running', 'it generates', 'computations', 'computing', 'api',
      'the back end', 'python', 'php', 'java', 'ruby', 'scripts', 'database queries', 'a query', 'it interacts with the database', 'it talks to the database', 'it calculates',
      'rendering', 'contenu dynamique', 'la logique', 'metier', 'il genere', 'il traite', 'le calcul',
    ],
    miss: ['static files', 'html pages', 'css and javascript'],
  },

  // ---------------------------------------------------------------------------------------------
  // Not a vocabulary: the codes of the languages read (exported as a string list, so held here too).
  READ_LANGUAGES: {
    match: ['en', 'fr'],
    miss: ['english', 'french'],
  },
  SUBORDINATORS: {
    match: [
      'where task 2 had one', 'when one fails', 'whenever it crashes', 'while nginx serves', 'although it costs more', 'though slower', 'since the load grew',
      'as traffic grows', 'if one dies', 'because one was not enough', 'once it is down', 'after the split', 'before the change', 'unlike task 2',
      'whereas gunicorn runs code', 'which removes the spof', 'to remove the spof', 'in order to scale', 'so that it stays up', 'so as to share load',
      'for redundancy', 'given that two were full', 'thanks to the pair', 'due to the load', 'lorsqu il tombe', 'lorsque le serveur tombe', 'quand il tombe',
      'si le premier plante', 'comme le trafic augmente', 'alors qu avant', 'alors que nginx sert', 'pour eviter la panne', 'afin de separer', 'afin qu il reste',
      'afin que le site reste', 'car un seul suffit pas', 'parce qu il tombe', 'parce que le trafic', 'puisqu il y a', 'puisque le serveur',
    ],
    miss: ['the whereabouts of the server', 'sincerely yours', 'asynchronous jobs'],
  },
  CHOICE_VERBS: {
    match: [
      'i chose ufw because it ships with ubuntu', 'we choose datadog', 'sumo logic was chosen', 'choosing zerossl', 'we picked sumo logic since it is free', 'i selected certbot',
      'we opted for iptables', 'i went with nagios', 'i prefer ufw', 'we decided on datadog', 'j ai choisi ufw', 'nous avons prefere datadog', 'j ai opte pour ufw',
    ],
    miss: ['the load balancer picks a server', 'the firewall selects which packets pass', 'haproxy chooses the next server'],
  },
  CHOSEN_ACTIONS: {
    match: ['i chose to add a firewall on each server', 'we decided to put an agent on every host', 'to install a collector', 'to place it in front', 'to deploy', 'to have', 'to set up', 'to introduce', 'j ai choisi d ajouter un pare feu'],
    miss: ['i chose ufw', 'we picked it to use less memory'],
  },
  COUNT_REASONS: {
    match: [
      'because there are three machines', 'since we only have one domain', 'because the design only has two servers', 'one per server', 'each one gets its own', 'for the same reason as the firewalls',
      'une par serveur', 'chaque serveur a son propre agent',
    ],
    miss: ['because attackers scan every port', 'so that each server is protected', 'there are attackers on the internet'],
  },
  WORD_HISTORY: {
    match: [
      'the term firewall comes from buildings', 'the word was first used for walls that block fire', 'the name derives from', 'its etymology', 'the word was coined in 1987',
      'le mot pare feu vient des murs', 'ce terme est issu du batiment',
    ],
    miss: ['the firewall comes first on the path', 'the name of the server is web 01', 'the word is out'],
  },
  KINDS_OF: {
    match: ['there are many kinds of firewalls', 'the types of ssl certificates', 'two sorts of monitoring', 'les familles de pare feu'],
    miss: ['it blocks every kind of traffic we do not allow', 'the type is stateful'],
  },
  LOAD_SHARING: {
    match: [
      'haproxy uses round robin', 'least connections', 'requests are shared between server 1 and server 2', 'it balances the load', 'load balancing', 'both get the same amount of work',
      'la repartition de charge', 'l equilibrage entre les serveurs',
    ],
    miss: ['the firewall sits between the internet and the servers', 'https between the browser and the load balancer', 'it filters the traffic'],
  },
  ELLIPTIC_LABELS: {
    match: [
      'what for', 'what it is for', 'used for', 'use', 'uses', 'role', 'purpose', 'goal', 'why', 'how', 'how it works', 'what it does', 'a quoi ca sert', 'pourquoi', 'comment', 'but',
      'utilite',
    ],
    miss: ['firewall', 'monitoring clients', 'the ssl certificate'],
  },
  PRODUCT_NAMES: {
    match: ['a free certificate from let s encrypt', 'letsencrypt with certbot', 'a zerossl certificate', 'zero ssl'],
    miss: ['it encrypts the traffic', 'we encrypt everything with ssl'],
  },
  THIS_DESIGN: {
    match: [
      'active active is used here', 'our load balancer is active active', 'ours is active passive', 'my setup', 'we use round robin', 'we chose active active', 'we assume active active',
      'this infrastructure uses round robin', 'the setup is active active', 'this configuration', 'the config is active passive', 'haproxy is configured in active active',
      'it is currently active active', 'active active is in use', 'a failover is in place', 'ici le mode est actif actif', 'notre haproxy', 'nos serveurs', 'nous utilisons',
      'mon infrastructure', 'ma configuration', 'mes serveurs', 'cette infrastructure est active active', 'le mode utilise', 'le mode choisi', 'le basculement est en place',
    ],
    miss: ['in an active active setup every node serves', 'active passive means one node waits', 'the advantages of an active active cluster', 'a setup where one node waits'],
  },
  TASK_REQUIREMENTS: {
    match: ['you must add', 'must have', 'you must use', 'must include', 'requirements', 'requirement', 'vous devez ajouter', 'exigences'],
    miss: ['why you are adding it', 'the firewall is required', 'we added three firewalls'],
  },
  DESIGN_STATEMENTS: {
    match: [
      'we use two load balancers', 'we have three servers', 'we added a server', 'we add a firewall', 'we run nginx', 'we deploy mysql', 'our design', 'there is a firewall',
      'there are two lbs', 'this design has', 'this infrastructure', 'this setup', 'this architecture', 'the design has three servers', 'the infrastructure uses nginx',
      'the setup includes a firewall', 'the architecture contains a database', 'a firewall is added', 'two lbs are used', 'mysql was deployed', 'agents were installed',
      'a firewall is placed', 'it consists of three servers', 'it consist of', 'it includes a database', 'it include', 'it contains a firewall', 'it contain',
    ],
    miss: ['the application server runs code', 'a web server serves static files', 'the database stores data'],
  },
  CARRIED_OVER: {
    match: [
      'we kept the firewalls', 'keep the ssl certificate', 'the monitoring is still there', 'carried over from task 2', 'carried from task 2', 'carry over the firewalls',
      'we retained the firewalls', 'we reused the certificate', 'on conserve les pare feux',
    ],
    miss: ['task 2 had two servers', 'the previous design', 'in the old version'],
  },
  WITH_IT: {
    match: ['with it the database has its own box', 'thanks to them', 'avec lui', 'avec elle', 'grace a eux', 'avec cela'],
    miss: ['with nginx in front', 'thanks to haproxy', 'avec nginx'],
  },
  DESIGN_KINDS: {
    match: ['a distributed infrastructure is better', 'this distributed web infrastructure', 'distributed systems fail in parts', 'une infrastructure distribuee'],
    miss: ['the load is distributed over both servers', 'haproxy distributes the requests', 'the infrastructure distributes nothing'],
  },
  HOLLOW_JUSTIFICATIONS: {
    match: [
      'because a distributed infrastructure is better and more professional', 'master slave is the standard way mysql is installed', 'it is best practice',
      'big companies all do it this way', 'everyone does that', 'it looks more modern', 'it follows the industry standard', 'c est mieux comme ca', 'ce sont les bonnes pratiques',
    ],
    miss: ['it is better for availability', 'two servers are better when one fails', 'the standard http port is 80', 'the best server gets the request'],
  },
  GENERIC_STATEMENTS: {
    match: [
      'scaling is the ability of a system to grow', 'load balancing is the process of spreading traffic', 'redundancy means a way to survive', 'clustering is a technique',
      'a cache is a method', 'caching is the act of keeping copies', 'scaling is the capacity to grow', 'it generally improves speed', 'in general servers fail',
      'it usually helps', 'this is typically done', 'it is commonly used', 'en general les serveurs', 'generalement on ajoute',
    ],
    miss: ['we added a server to grow', 'the second haproxy takes over', 'it is the third server'],
  },
  DNS_A_RECORD_NAMES: {
    match: [
      'www is an a record', 'an address record', 'the dns record is of type a', 'a type a record', 'it is an a type record', 'un enregistrement de type a',
      'the type of record is a', 'www is of type a',
    ],
    miss: ['a cname record', 'the dns keeps a record of the domain', 'the type of record is a cname'],
  },
  DNS_CNAME_NAMES: {
    match: ['www is a cname', 'two cnames', 'a canonical name record', 'a c name'],
    miss: ['the domain name', 'an a record', 'the canonical url'],
  },
  PLAIN_TRAFFIC: {
    match: [
      'the traffic is unencrypted', 'it travels un encrypted', 'it is not encrypted', 'decrypted at haproxy', 'sent in clear text', 'cleartext passwords', 'plaintext data',
      'plain http behind it', 'it travels in the clear', 'passwords travel in clear', 'le trafic non chiffre', 'les donnees passent en clair', 'dechiffre par haproxy',
    ],
    miss: ['encrypted with tls', 'the traffic is encrypted', 'https everywhere'],
  },
  SSL_ENDS: {
    match: [
      'ssl termination', 'ssl ends at haproxy', 'it ended there', 'tls stops there', 'it stopped at the lb', 'ssl offloading', 'haproxy decrypts', 'it unwraps tls',
      'ssl dechiffre', 'le ssl est termine au load balancer', 'le tls s arrete a haproxy',
    ],
    miss: ['ssl encrypts the traffic', 'the certificate is renewed', 'https passes through'],
  },
  BEHIND_THE_LB: {
    match: [
      'behind the load balancer', 'between haproxy and the servers', 'entre haproxy et les serveurs', 'from the lb to the servers', 'to the backend', 'internal traffic', 'backend traffic', 'le reseau interne',
    ],
    miss: ['between the user and haproxy', 'from the user to the load balancer', 'in front of the load balancer'],
  },
  DEFINITION_LABELS: {
    match: ['key concepts', 'concepts', 'definitions', 'glossary', 'terminology', 'active active vs active passive', 'active active versus active passive', 'compared to', 'comparison', 'glossaire', 'lexique'],
    miss: ['our design', 'how it works', 'the load balancer'],
  },
};
