import { mermaid, ruleTester } from '../helpers/rule-tester.js';

ruleTester('lb-pair', [
  { name: 'two load balancers', markdown: mermaid('flowchart LR\n  LB1[HAProxy 1] --- LB2[HAProxy 2]'), status: 'pass' },
  { name: 'one node with a count', markdown: mermaid('flowchart LR\n  LB[HAProxy x2]'), status: 'pass' },
  { name: 'one load balancer', markdown: mermaid('flowchart LR\n  U[User] --> LB[HAProxy]'), status: 'fail', message: 'Only 1 load balancer' },
  { name: 'a single "cluster" node', markdown: mermaid('flowchart LR\n  LB[HAProxy cluster]'), status: 'fail' },
]);

ruleTester('lb-cluster', [
  { name: 'subgraph around both', markdown: mermaid('flowchart LR\n  subgraph C[Cluster]\n    LB1[HAProxy 1]\n    LB2[HAProxy 2]\n  end'), status: 'pass' },
  { name: 'link between them', markdown: mermaid('flowchart LR\n  LB1[HAProxy 1] <-->|heartbeat| LB2[HAProxy 2]'), status: 'pass' },
  { name: 'shared virtual IP', markdown: mermaid('flowchart LR\n  V[Virtual IP] --> LB1[HAProxy 1]\n  V --> LB2[HAProxy 2]'), status: 'pass' },
  { name: 'labelled active/passive', markdown: mermaid('flowchart LR\n  U --> LB1[HAProxy active]\n  U --> LB2[HAProxy passive]'), status: 'pass' },
  { name: 'side by side', markdown: mermaid('flowchart LR\n  U[User] --> LB1[HAProxy 1]\n  U --> LB2[HAProxy 2]'), status: 'fail', message: 'nothing tying them' },
]);

ruleTester('web-tier', [
  { name: 'own node', markdown: mermaid('flowchart LR\n  W[Nginx] --> A[Gunicorn]'), status: 'pass' },
  { name: 'shares a node', markdown: mermaid('flowchart LR\n  S[Server: Nginx + Gunicorn]'), status: 'fail', message: 'shares its server' },
  { name: 'shares a server subgraph', markdown: mermaid('flowchart LR\n  subgraph S1[Server 1]\n    W[Nginx]\n    D[(MySQL)]\n  end'), status: 'fail' },
  { name: 'missing', markdown: mermaid('flowchart LR\n  A[Gunicorn] --> D[(MySQL)]'), status: 'fail', message: 'No web server' },
]);

ruleTester('request-flow', [
  { name: 'full path', markdown: mermaid('flowchart LR\n  U[User] --> L[HAProxy] --> W[Nginx] --> A[Gunicorn] --> D[(MySQL)]'), status: 'pass' },
  { name: 'undirected links count both ways', markdown: mermaid('flowchart LR\n  U[User] --- L[HAProxy] --- W[Nginx] --- A[Gunicorn] --- D[(MySQL)]'), status: 'pass' },
  { name: 'through a firewall', markdown: mermaid('flowchart LR\n  U[User] --> F{{Firewall}} --> L[HAProxy] --> W[Nginx] --> A[Gunicorn] --> D[(MySQL)]'), status: 'pass' },
  { name: 'sequence messages', markdown: mermaid('sequenceDiagram\n  User->>LB: req\n  LB->>Web server: x\n  Web server->>App server: y\n  App server->>Database: z'), status: 'pass' },
  { name: 'broken after web', markdown: mermaid('flowchart LR\n  U[User] --> L[HAProxy] --> W[Nginx]\n  A[Gunicorn] --> D[(MySQL)]'), status: 'fail', message: 'stops after web server' },
  { name: 'arrows reversed', markdown: mermaid('flowchart LR\n  D[(MySQL)] --> A[Gunicorn] --> W[Nginx] --> L[HAProxy] --> U[User]'), status: 'fail' },
]);

ruleTester('carried-over', [
  { name: 'all three', markdown: mermaid('flowchart LR\n  U -->|HTTPS| F{{Firewall}}\n  M[Monitoring client]'), status: 'pass' },
  { name: 'one of three', markdown: mermaid('flowchart LR\n  U -->|HTTPS| L[HAProxy]'), status: 'partial', message: 'firewalls, monitoring' },
]);

ruleTester('explain-additions', [
  { name: 'a purpose infinitive with no listed cue', markdown: '# X\nA third server was added to give each tier its own machine.\n', status: 'partial', message: 'Explained: the additional server (line 2)' },
  { name: 'what the element lets happen', markdown: '# X\nThe new machine lets each component run alone.\n', status: 'partial', message: 'the additional server (line 2)' },
  { name: 'a counterfactual that refers back', markdown: '# X\nWe added a second HAProxy. Without it, one crash would stop the site.\n', status: 'partial', message: 'the second load balancer / cluster (line 2)' },
  { name: 'a need with its cause', markdown: '# X\nThe pair of load balancers is needed because one HAProxy alone is a single point of failure.\n', status: 'partial', message: 'the second load balancer / cluster' },
  {
    name: 'a bold lead, a reference back and a take-over',
    markdown: '# X\n**HAProxy 2.** It listens to heartbeats from HAProxy 1. When HAProxy 1 dies, it takes over, so there is no SPOF.\n',
    status: 'partial',
    message: 'the second load balancer / cluster (line 2)',
  },
  { name: 'a "1 server" heading and its reason', markdown: '# X\n## 1 server\nTwo machines could not hold three tiers without sharing.\n', status: 'partial', message: 'the additional server (line 3)' },
  { name: 'a dash label', markdown: '# X\nServer 3 – added to take the database off the application machine.\n', status: 'partial', message: 'the additional server (line 2)' },
  { name: 'a heading listing the additions, "scale up" in the body', markdown: '# X\n## 1 server, 1 load balancer in a cluster, split components\nThis lets us scale up.\n', status: 'fail' },
  { name: 'Secure Sockets Layer is no split', markdown: '# X\nThe Secure Sockets Layer certificate is installed so that traffic is encrypted.\n', status: 'fail' },
  { name: 'load balancing in general is no reason for the pair', markdown: '# X\n## Load balancer cluster\nA load balancer distributes the requests so that no server is overloaded.\n', status: 'fail' },
  { name: 'future scaling is no added server', markdown: '# X\n## One more server\nLater we can add more app nodes to scale.\n', status: 'fail' },
  {
    name: 'a French answer is read',
    markdown: '# X\nLe deuxième HAProxy est en cluster avec le premier : si l\'un tombe en panne, l\'autre prend le relais. Un serveur supplémentaire a été ajouté pour que chaque composant ait sa machine. Les composants sont séparés afin qu\'une panne de l\'un n\'arrête pas les autres.\n',
    status: 'pass',
  },
  {
    name: 'another language is for a person, never a fail',
    markdown: '# X\nEl segundo balanceador de carga está en un clúster con el primero para que el sitio siga funcionando si uno de los dos falla, y los servidores están separados para que cada uno tenga su máquina.\n',
    status: 'manual',
    message: 'English and French only',
  },
  {
    name: 'heading question answered below',
    markdown: '# Scale up\n## Why a second load balancer?\nSo that the load balancer is not a single point of failure.\n## Why an additional server?\nThe additional server allows one component per machine.\n## Why split the components?\nSeparate servers for web, app and database let each tier scale independently.\n',
    status: 'pass',
  },
  { name: 'bare list', markdown: '# Scale up\n## Components added\n- Load balancer cluster\n- Additional server\n- Dedicated web, app and database servers\n', status: 'fail' },
  { name: 'only the cluster', markdown: '# Scale up\nThe HAProxy cluster removes the single point of failure.\n', status: 'partial' },
  {
    name: 'a benefit in one clause does not explain the change stated in another',
    markdown: '# Scale up\nIn this design every SPOF has been removed and the web, app and database servers have been moved to their own machines.\n',
    status: 'fail',
  },
  {
    name: 'a clause that refers back carries the reason',
    markdown: '# Scale up\nI added a second HAProxy load balancer in a cluster with the first. I added it to remove the single point of failure.\n',
    status: 'partial',
    message: 'the second load balancer / cluster (line 2)',
  },
  {
    name: 'additions named only as the circumstance of another component',
    markdown: '# Scale up\nWhen adding a second load balancer and another server, monitoring becomes essential to keep performance and availability.\n',
    status: 'fail',
  },
  {
    name: 'a plain-text title line heads the reasons below it',
    markdown: 'Added elements\n\n1. Additional Server\n\n-Increases capacity\n-Reduces the impact of a single server failure\n',
    status: 'partial',
    message: 'the additional server (line 5)',
  },
  {
    name: 'redundancy of a tier with several servers explains the added server',
    markdown: '# Scale up\n## Web servers\n- Why: fault tolerance through redundancy.\n',
    status: 'partial',
    message: 'the additional server (line 3)',
  },
  {
    name: 'future scaling and the load balancer machine are not the added server',
    markdown: '# Scale up\nAdding a second HAProxy server removes the SPOF. Later we can add more web servers for horizontal scaling.\n',
    status: 'partial',
    message: 'not explained: the additional server',
  },
  {
    name: 'a database cluster is not the load balancer cluster',
    markdown: '# Scale up\nA primary-replica cluster for MySQL improves availability.\n',
    status: 'fail',
  },
  {
    name: 'issues announced by a lead-in line are not explanations',
    markdown: '# Scale up\nNow the issues with this infrastructure:\n\n1. **Second load balancer:**\n   - The second load balancer in a cluster adds cost, which improves nothing.\n',
    status: 'fail',
  },
  {
    name: 'a heading about solving issues is not an issues section',
    markdown: '# Scale up\n## Solving previous issues\n- The load balancer cluster eliminates the SPOF.\n## Separation of concerns\n- Separating web, app and database servers lets each tier scale independently.\n',
    status: 'partial',
    message: 'not explained: the additional server',
  },
]);

// The kinds of text the issue "Read explanations and claims as a mentor does" lists, each read by
// its shape (the paraphrase banks hold many more phrasings of each).
ruleTester('consistency', [
  { name: 'prose and diagram agree', markdown: mermaid('flowchart LR\n  LB1[HAProxy active] <--> LB2[HAProxy passive]') + 'An active-passive cluster.\n', status: 'pass' },
  { name: 'active-active vs backup', markdown: mermaid('flowchart LR\n  LB1[HAProxy] <--> LB2[HAProxy backup]') + 'Both run active-active.\n', status: 'fail', message: 'active-active' },
  { name: 'claims firewalls the diagram lacks', markdown: mermaid('flowchart LR\n  LB1[HAProxy] <--> LB2[HAProxy]') + 'Each server has a firewall.\n', status: 'fail', message: 'firewall' },
  { name: 'a negated claim is no claim', markdown: mermaid('flowchart LR\n  LB1[HAProxy] <--> LB2[HAProxy]') + 'There is no firewall yet.\n', status: 'pass' },
  {
    name: 'prose counts more servers than the diagram shows',
    markdown: mermaid('flowchart LR\n  LB1[HAProxy] --> W[Web server]\n  LB2[HAProxy] --> W\n  W --> A[App server]\n  A --> D[(MySQL)]') + 'The design runs on six servers.\n',
    status: 'fail',
    message: 'counts 6 servers',
  },
  {
    name: 'four servers may count the first load balancer among them',
    markdown: mermaid('flowchart LR\n  LB1[HAProxy] --> W[Web server]\n  LB2[HAProxy] --> W\n  W --> A[App server]\n  A --> D[(MySQL)]') + 'The design runs on four servers.\n',
    status: 'pass',
  },
  {
    name: 'a server count read with or without the load balancers agrees',
    markdown: mermaid('flowchart LR\n  LB1[HAProxy] --> W[Web server]\n  LB2[HAProxy] --> W\n  W --> A[App server]\n  A --> D[(MySQL)]') + 'The design runs on five servers: three dedicated servers behind two load balancers. Task 2 had two servers.\n',
    status: 'pass',
  },
  {
    name: 'prose counts two web servers, the diagram draws one',
    markdown: mermaid('flowchart LR\n  LB1[HAProxy] --> W[Web server]\n  LB2[HAProxy] --> W\n  W --> A[App server]\n  A --> D[(MySQL)]') + 'Two web servers serve the static files.\n',
    status: 'fail',
    message: 'counts 2 web servers',
  },
  { name: 'a load balancer that checks another claims no monitoring', markdown: mermaid('flowchart LR\n  LB1[HAProxy 1] <-->|heartbeat| LB2[HAProxy 2]') + 'The second load balancer monitors the first.\n', status: 'pass' },
  {
    name: 'the machines of the load balancer cluster are not all the servers',
    markdown: mermaid('flowchart LR\n  LB1[HAProxy 1] <--> LB2[HAProxy 2]\n  LB1 --> W[Web server]\n  W --> A[App server]\n  A --> D[(MySQL)]') + 'The load balancer cluster (2 servers) sends traffic to the web server.\n',
    status: 'pass',
  },
  { name: 'a single HAProxy in the prose, two drawn', markdown: mermaid('flowchart LR\n  LB1[HAProxy 1] <--> LB2[HAProxy 2]') + 'The design uses a single HAProxy.\n', status: 'fail', message: 'a single load balancer' },
  {
    name: 'a cluster in the prose, load balancers drawn untied',
    markdown: mermaid('flowchart LR\n  U[User] --> LB1[HAProxy 1]\n  U --> LB2[HAProxy 2]\n  LB1 --> W[Web server]\n  LB2 --> W') + 'The two HAProxy run as a keepalived cluster sharing a virtual IP.\n',
    status: 'fail',
    message: 'nothing tying them',
  },
  {
    name: 'each component on its own server, two tiers on one host',
    markdown: mermaid('flowchart LR\n  LB1[HAProxy 1] <--> LB2[HAProxy 2]\n  LB1 --> S1[Server 1: Nginx + Gunicorn]\n  S1 --> D[(Server 2: MySQL)]') + 'Each component runs on its own server.\n',
    status: 'fail',
    message: 'on one server',
  },
  {
    name: 'hot standby in the prose, both drawn active',
    markdown: mermaid('flowchart LR\n  LB1["HAProxy 1 (active)"] <-->|VRRP| LB2["HAProxy 2 (active)"]') + 'HAProxy 2 is a hot standby.\n',
    status: 'fail',
    message: 'active-passive',
  },
]);

ruleTester('explain-web-vs-app', [
  { name: 'one sentence, two clauses joined by a semicolon', markdown: '# X\nNginx serves the static files; Gunicorn runs the code for dynamic pages.\n', status: 'pass' },
  { name: 'a relative clause on the object', markdown: '# X\nNginx answers HTTP requests and passes dynamic ones to Gunicorn, which runs the application code.\n', status: 'pass' },
  { name: 'a table whose columns are the two servers', markdown: '# X\n\n| | Web server | Application server |\n|---|---|---|\n| Job | serves static files over HTTP | runs the business logic |\n', status: 'pass' },
  { name: 'the web server as an object characterises nothing of it', markdown: '# X\nThe application server receives requests from Nginx.\n', status: 'fail' },
  { name: 'both characterised in one sentence', markdown: '# X\nThe web server serves static content over HTTP, while the application server runs the business logic.\n', status: 'pass' },
  { name: 'only one side (telling apart needs both)', markdown: '# X\nThe web server serves static files.\n', status: 'fail' },
  { name: 'subjects given by the list items above', markdown: '# X\n- **Web server:**\n  - serves static content over HTTP\n- **Application server:**\n  - runs the business logic\n', status: 'pass' },
  { name: 'names only', markdown: '# X\nWe use Nginx and Gunicorn.\n', status: 'fail' },
  {
    name: 'nearest heading decides the subject, not "A vs B" above it',
    markdown: '# Application server vs web server\n## Web server\n- Functions:\n  - serves static files\n## Application server\n- Functions:\n  - runs the business logic\n',
    status: 'pass',
  },
  { name: 'plain-text "Label: text" lines are entries of their own', markdown: 'Roles\nWeb Server: serves static content\nApp Server: runs the business logic\n', status: 'pass' },
  { name: 'prose indented by four spaces is still prose', markdown: 'Design\n\n    Web server (Nginx):\n\n        Serves static content over HTTP.\n\n    Application server:\n\n        Runs the business logic.\n', status: 'pass' },
  {
    name: 'a server named as the object is not the one characterised',
    markdown: '# X\nThe web server serves static files and forwards dynamic requests to the application server.\n',
    status: 'fail',
    message: 'The application server is never characterised',
  },
]);

ruleTester('english', [
  { name: 'English', markdown: '# X\nThe load balancer sends the requests to the servers and it is in a cluster with the other one.\n', status: 'pass' },
  { name: 'French', markdown: '# X\nLe répartiteur de charge envoie les requêtes vers les serveurs et il est dans une grappe avec le deuxième pour la disponibilité du site.\n', status: 'fail' },
]);
