import { parseMarkdown } from '../../src/markdown/parse-markdown.js';
import { analyseProse } from '../../src/prose/analyze-prose.js';
import { claimsOf } from '../../src/prose/claims.js';
import { mentionsOf } from '../../src/prose/elements.js';
import { reasonIn } from '../../src/prose/reasons.js';
import { clausesOf, proseText } from '../../src/prose/sentences.js';

const reason = (text: string) => reasonIn(proseText(text))?.kind ?? null;
const topics = (text: string) => [...new Set(mentionsOf(proseText(text)).map((m) => m.topic))].sort();
const claims = (markdown: string) => claimsOf(analyseProse([{ file: 'f.md', blocks: parseMarkdown(markdown).prose }])).map(({ file, line, ...claim }) => claim);

describe('sentences', () => {
  it('are cut on the text as written, before normalisation', () => {
    expect(clausesOf('Nginx serves files; Gunicorn runs code. It is fast, e.g. under load.').map((c) => c.raw.trim())).toEqual(['Nginx serves files', 'Gunicorn runs code.', 'It is fast, e.g. under load.']);
    expect(clausesOf('Nginx handles HTTP and Gunicorn runs the code.')).toHaveLength(2);
    expect(clausesOf('Web server: speaks HTTP / Application server: runs Python')).toHaveLength(2);
  });

  it('read links as nothing and one arrow as "therefore"', () => {
    expect(proseText('See https://imgur.com/a.png now')).toBe('see now');
    expect(proseText('Added 1 more server → dedicated roles')).toBe('added 1 more server therefore dedicated roles');
    expect(proseText('User -> DNS -> LB')).not.toContain('therefore');
    expect(proseText('Répartiteur d’équilibre')).toBe('repartiteur d equilibre');
  });
});

describe('reasons are found by the shape of the sentence (the first one in it names the shape)', () => {
  it.each([
    ['A third server was added to give each tier its own machine.', 'purpose'],
    ['The pair is needed because one HAProxy alone is a single point of failure.', 'need'],
    ['The new machine lets each component run alone.', 'enabling'],
    ['It removes the load balancer as a single point of failure.', 'effect'],
    ['One HAProxy alone is a single point of failure.', 'counterfactual'],
    ['Downtime hurts the users.', 'problem'],
    ['If HAProxy 1 dies, HAProxy 2 takes over.', 'condition'],
    ['Without it, one crash would stop the site.', 'counterfactual'],
    ['Each tier can be scaled independently.', 'capability'],
    ['Where two servers used to do all the work, a third one now shares it.', 'contrast'],
    ['The site also needs a third server.', 'need'],
    ['HAProxy 2 provides redundancy.', 'quality'],
    ['Pour que le site reste en ligne si le premier plante.', 'purpose'],
    ['Si le premier plante, le second prend le relais.', 'condition'],
  ])('%s -> %s', (text, kind) => expect(reason(text)).toBe(kind));

  it.each([
    ['Scalability'],
    ['This lets us scale up.'],
    ['HAProxy 2 does not take over when HAProxy 1 fails.'],
    ['The task requires 1 server.'],
    ['Server 1 acts as the web server to handle incoming requests.'],
    ['The load balancer sends requests to the web server.'],
  ])('%s -> no reason', (text) => expect(reason(text)).toBeNull());
});

describe('elements are named the way students name them', () => {
  it.each([
    ['the second HAProxy', ['lb-cluster']],
    ['HAProxy 1 and HAProxy 2', ['lb-cluster']],
    ['a database cluster', ['database']],
    ['one more server', ['added-server']],
    ['a new web server', ['web-server']],
    ['the web, app and database tiers are on separate servers', ['database', 'split']],
    ['the Secure Sockets Layer certificate', ['certificate']],
    ['un serveur supplémentaire', ['added-server']],
  ])('%s -> %j', (text, expected) => expect(topics(text)).toEqual([...expected].sort()));
});

describe('claims are statements about this design', () => {
  it('counts, clusters and modes', () => {
    expect(claims('We run two load balancers in an active-passive cluster.')).toEqual([
      { kind: 'cluster-mode', mode: 'active-passive' },
      { kind: 'lb-count', n: 2 },
      { kind: 'cluster' },
    ]);
    expect(claims('The design uses a single HAProxy.')).toEqual([{ kind: 'lb-count', n: 1 }]);
  });

  it('conditions, risks, questions, other designs and incidental words claim nothing', () => {
    expect(claims('If one load balancer fails, the other takes over.')).toEqual([]);
    expect(claims('With a single HAProxy, the site dies when it dies.')).toEqual([]);
    expect(claims('## What is monitoring for?')).toEqual([]);
    expect(claims('Task 2 had two servers.')).toEqual([]);
    expect(claims('The load balancer monitors its backends.')).toEqual([]);
    expect(claims('HAProxy now runs on two machines.')).toEqual([]);
    expect(claims('Two machines were not enough.')).toEqual([]);
  });
});
