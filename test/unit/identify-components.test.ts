import { identifyComponents } from '../../src/graph/identify-components.js';
import { lintMarkdown, mermaid } from '../helpers/rule-tester.js';

const flowchart = mermaid('flowchart LR\n  U[User] --> LB1[HAProxy LB1]\n  U --> LB2[HAProxy LB2]\n  LB1 --> WS1[Web Server - Nginx]\n  LB2 --> WS1\n  WS1 --> AS1[Application Server]\n  AS1 --> DB[(MySQL)]\n  MC[Monitoring client - Web Server] --> WS1');
const sequence = '```mermaid\nsequenceDiagram\n  participant User\n  participant HAProxy\n  participant Nginx\n  participant App as App Server\n  participant MySQL\n  User->>HAProxy: GET /\n  HAProxy->>Nginx: forward\n  Nginx->>App: dynamic\n  App->>MySQL: query\n```\n';

describe('component identity across diagrams', () => {
  it('merges the same component drawn in two diagrams, and keeps the rest apart', async () => {
    const result = await lintMarkdown(flowchart + '\n' + sequence);
    const byLabel = new Map(result.graph.components.map((c) => [c.label, (c.sameAs ?? []).length]));
    // The sequence's one "HAProxy" is the flowchart's first load balancer; the second has no counterpart.
    expect(byLabel.get('HAProxy LB1')).toBe(1);
    expect(byLabel.get('HAProxy LB2')).toBe(0);
    expect(byLabel.get('Web Server - Nginx')).toBe(1);
    expect(byLabel.get('Application Server')).toBe(1);
    expect(byLabel.get('MySQL')).toBe(1);
    expect(byLabel.get('User')).toBe(1);
    // A monitoring client named after the server it watches is not that server.
    expect(byLabel.get('Monitoring client - Web Server')).toBe(0);
    expect(result.graph.components.map((c) => c.label)).not.toContain('HAProxy');
    // Edges of both diagrams land on the merged components: User -> LB1 is drawn once.
    const lb1 = result.graph.components.find((c) => c.label === 'HAProxy LB1')!.key;
    expect(result.graph.edges.filter((e) => e.to === lb1)).toHaveLength(1);
  });

  it('says which load balancer the sparser diagram lacks', async () => {
    const result = await lintMarkdown(flowchart + '\n' + sequence);
    const consistency = result.rules.find((r) => r.id === 'consistency')!;
    expect(consistency.status).toBe('fail');
    expect(consistency.message).toContain('shows 1 load balancer');
    expect(consistency.message).toContain('no counterpart for "HAProxy LB2"');
    // One web server, one app server and one database in both: no disagreement about them.
    expect(consistency.message).not.toMatch(/web server|application server|database/);
  });

  it('keeps one box per identity and per diagram, and matches on a number only with the same roles', () => {
    const component = (diagram: number, id: string, label: string, roles: string[]) => ({
      key: `${diagram}:${id}`, id, label, roles: roles as never[], host: `${diagram}:${id}`, multiplicity: 1, diagram, source: { file: 'f', line: 1, column: 1 },
    });
    const graph = (diagram: number, components: ReturnType<typeof component>[]) => ({ diagram, type: 'flowchart', file: 'f', line: 1, components, hosts: [], edges: [], groups: [], texts: [] });
    const identities = identifyComponents([
      graph(0, [component(0, 'W1', 'Web 1', ['web-server']), component(0, 'W2', 'Web 2', ['web-server']), component(0, 'App2', 'App 2', ['app-server'])]),
      graph(1, [component(1, 'web', 'Web', ['web-server']), component(1, 'MC2', 'Monitor 2', ['monitoring'])]),
    ]);
    const members = identities.map((i) => i.members.map((m) => m.key).sort().join('+'));
    expect(members).toContain('0:W1+1:web');
    expect(members).toContain('0:W2');
    expect(members).toContain('1:MC2');
  });
});
