import { parseSequence } from '../../src/diagrams/sequence/parse-sequence.js';
import { toOracleGraph } from '../../src/diagrams/oracle-record.js';

describe('sequence parser', () => {
  it('reads participants, aliases, messages, notes and blocks', () => {
    const r = parseSequence('sequenceDiagram\n  participant U as User\n  actor A\n  U->>LB: HTTPS request\n  alt LB1 down\n    LB-->>LB2: failover\n  else\n    LB->>W: forward\n  end\n  Note over LB,LB2: heartbeat\n  autonumber');
    expect(r.valid).toBe(true);
    expect(toOracleGraph(r)).toMatchObject({
      participants: [
        { id: 'U', label: 'User', type: 'participant', box: null },
        { id: 'A', label: 'A', type: 'actor', box: null },
        { id: 'LB', label: 'LB', type: 'participant', box: null },
        { id: 'LB2', label: 'LB2', type: 'participant', box: null },
        { id: 'W', label: 'W', type: 'participant', box: null },
      ],
      messages: [
        { from: 'U', to: 'LB', text: 'HTTPS request', type: 'SOLID' },
        { from: 'LB', to: 'LB2', text: 'failover', type: 'DOTTED' },
        { from: 'LB', to: 'W', text: 'forward', type: 'SOLID' },
      ],
      notes: [{ placement: 'over', actors: ['LB', 'LB2'], text: 'heartbeat' }],
      blocks: [{ kind: 'alt_start', text: 'LB1 down' }, { kind: 'alt_else', text: '' }, { kind: 'alt_end', text: '' }],
      autonumber: true,
    });
  });

  it.each([
    ['sequenceDiagram\n  A->>B', 'message-without-colon'],
    ['sequenceDiagram\n  participant Alt\n  Alt->>B: x', 'keyword-as-participant'],
    ['sequenceDiagram\n  loop forever\n  A->>B: x', 'unclosed-block'],
    ['sequenceDiagram\n  Note over A,B,C: x', 'note-too-many-actors'],
    ['sequencediagram\n  A->>B: x', 'missing-header'],
    ['sequenceDiagram\n  end', 'end-without-block'],
  ])('reports %j as %s', (text, code) => {
    const r = parseSequence(text);
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => e.code)).toContain(code);
  });

  it('ends a statement at `;`, as Mermaid does', () => {
    expect(parseSequence('sequenceDiagram\n  A->>B: first; second').valid).toBe(false);
  });

  it('keeps the messages around an error, mending the one that lacks its colon', () => {
    const r = parseSequence('sequenceDiagram\n  A->>B: one\n  A->>C\n  B->>C: three');
    expect(r.valid).toBe(false);
    expect(r.errors[0]).toMatchObject({ code: 'message-without-colon', line: 3 });
    expect((r.ast as { messages: { to: string }[] }).messages.map((m) => m.to)).toEqual(['B', 'C', 'C']);
  });
});
